import { describe, expect, it } from 'vitest';
import { create, type StateCreator } from 'zustand';
import { sliceAt } from './sliceAt';

interface Counter {
  count: number;
  label: string;
  add: () => void;
  rename: (label: string) => void;
}

const counter: StateCreator<Counter, [], [], Counter> = (set, get) => ({
  count: 0,
  label: 'none',
  add: () => set((state) => ({ count: state.count + 1 })),
  rename: (label) => set({ label: `${label} at ${get().count}` }),
});

interface Both {
  left: Counter;
  right: Counter;
}

describe('sliceAt', () => {
  it('mounts two slices with the same fields in one store, each changing only its own', () => {
    const store = create<Both>()((...api) => ({
      ...sliceAt<Both, 'left'>('left', counter)(...api),
      ...sliceAt<Both, 'right'>('right', counter)(...api),
    }));
    const before = store.getState().right;
    store.getState().left.add();
    store.getState().left.add();
    store.getState().left.rename('twice');

    expect(store.getState().left).toMatchObject({ count: 2, label: 'twice at 2' });
    expect(store.getState().right).toBe(before);
    store.setState(store.getInitialState(), true);
    expect(store.getState().left.count).toBe(0);
  });
});
