// Engine layering: transports reach the engine only through front doors, a library
// never imports a step, a step never imports another step's internals.
export const engineLayering = [];
