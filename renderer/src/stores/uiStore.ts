import { create } from 'zustand';
import type { StepId } from '../steps/stepCatalog';

export interface UiState {
  step: StepId;
  drawerOpen: boolean;
  showStep: (step: StepId) => void;
  toggleDrawer: () => void;
  setDrawerOpen: (open: boolean) => void;
}

/** Where the user is in the walk, and whether the job drawer is open. */
export const useUiStore = create<UiState>()((set) => ({
  step: 'tag',
  drawerOpen: false,
  showStep: (step) => set({ step }),
  toggleDrawer: () => set((state) => ({ drawerOpen: !state.drawerOpen })),
  setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
}));
