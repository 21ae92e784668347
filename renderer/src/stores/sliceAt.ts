import type { StateCreator, StoreApi } from 'zustand';

/**
 * Mounts a slice written for a state of its own at one key of a step's store
 * (zustand's slices pattern, one level down). A step whose parts each follow a
 * job of their own, such as Promote's plan and its publication, then keeps
 * them in one store without their fields (`running`, `tag`, `reset`…)
 * colliding, and each part can still be tested as a store of its own.
 */
export function sliceAt<All, K extends keyof All>(
  key: K,
  part: StateCreator<All[K], [], [], All[K]>,
): StateCreator<All, [], [], Pick<All, K>> {
  return (set, get, store) => {
    const getPart = () => get()[key];
    // Like zustand's setState, a partial is merged into the part; `replace` swaps it whole.
    const setPart = ((partial: unknown, replace?: boolean) =>
      set((all) => {
        const current = all[key];
        const next =
          typeof partial === 'function'
            ? (partial as (state: All[K]) => Partial<All[K]>)(current)
            : (partial as Partial<All[K]>);
        return { [key]: replace ? next : { ...current, ...next } } as unknown as Partial<All>;
      })) as StoreApi<All[K]>['setState'];
    const partStore: StoreApi<All[K]> = {
      getState: getPart,
      setState: setPart,
      getInitialState: () => store.getInitialState()[key],
      subscribe: (listener) =>
        store.subscribe((all, previous) => {
          if (all[key] !== previous[key]) listener(all[key], previous[key]);
        }),
    };
    return { [key]: part(setPart, getPart, partStore) } as Pick<All, K>;
  };
}
