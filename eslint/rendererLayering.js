// Renderer layering: one step never imports another step; shared pieces live in
// components/, format/ or stores/ (cross-step state only). Filled in by the renderer layout.
export const rendererLayering = [];
