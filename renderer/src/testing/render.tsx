import { cleanup, render as renderInDom, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import type { StoreApi } from 'zustand';
import { useCompareStore } from '../steps/Compare/compareStore';
import { usePromoteStore } from '../steps/Promote/promoteStore';
import { useRebuildStore } from '../steps/Rebuild/rebuildStore';
import { useReviewStore } from '../steps/Review/reviewStore';
import { useVerifyStore } from '../steps/Verify/verifyStore';
import { useJobsStore } from '../stores/jobsStore';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';

/** Every store of the window: a test seeds the ones it needs with setState. */
const WINDOW_STORES: readonly Pick<StoreApi<object>, 'setState' | 'getInitialState'>[] = [
  useReleaseStore,
  useJobsStore,
  useUiStore,
  useRebuildStore,
  useCompareStore,
  useReviewStore,
  usePromoteStore,
  useVerifyStore,
];

// zustand's testing habit: after each test, every store goes back to its first
// state, so what one test seeded never leaks into the next.
afterEach(() => {
  cleanup();
  for (const store of WINDOW_STORES) store.setState(store.getInitialState(), true);
});

/**
 * Renders a piece of the window as the app does (it needs no provider: state
 * lives in the stores) and hands back a user to drive it with the keyboard and
 * mouse. Seed stores with setState before rendering.
 */
export function render(ui: ReactElement): RenderResult & { user: UserEvent } {
  const user = userEvent.setup();
  return { user, ...renderInDom(ui) };
}
