import { create } from 'zustand';
import type { StepId } from '../steps/stepCatalog';

export interface UiState {
  step: StepId;
  drawerOpen: boolean;
  /** The artifact chosen for the Review step, by its comparison key. */
  reviewKey: string | null;
  showStep: (step: StepId) => void;
  toggleDrawer: () => void;
  setDrawerOpen: (open: boolean) => void;
  /** Goes to the Review step with this artifact selected. */
  openReview: (key: string) => void;
  selectReviewArtifact: (key: string) => void;
}

/** Where the user is in the walk, which artifact is under review, and whether the job drawer is open. */
export const useUiStore = create<UiState>()((set) => ({
  step: 'tag',
  drawerOpen: false,
  reviewKey: null,
  showStep: (step) => set({ step }),
  toggleDrawer: () => set((state) => ({ drawerOpen: !state.drawerOpen })),
  setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
  openReview: (reviewKey) => set({ reviewKey, step: 'review' }),
  selectReviewArtifact: (reviewKey) => set({ reviewKey }),
}));
