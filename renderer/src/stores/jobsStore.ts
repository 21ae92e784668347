import { create } from 'zustand';
import type { JobEvent } from '../../../shared/jobs';
import { activeTransport } from '../transport/activeTransport';
import type { JobFeedStatus } from '../transport/transport';
import { applyJobEvent, type JobsSnapshot } from './applyJobEvent';

export interface JobsState extends JobsSnapshot {
  feed: JobFeedStatus;
  receive: (event: JobEvent) => void;
  setFeed: (status: JobFeedStatus) => void;
}

/** Every job the engine reported since this window opened, newest first. */
export const useJobsStore = create<JobsState>()((set) => ({
  jobs: {},
  order: [],
  feed: 'connecting',
  receive: (event) => set((state) => applyJobEvent(state, event)),
  setFeed: (feed) => set({ feed }),
}));

const followers = new Set<(event: JobEvent) => void>();

/**
 * Lets another store (e.g. the rebuild step's) see every job event from this
 * window's one subscription, rather than opening a second event stream.
 */
export function followJobEvents(follower: (event: JobEvent) => void): () => void {
  followers.add(follower);
  return () => {
    followers.delete(follower);
  };
}

// Subscribed once, when this module is first imported, so no component can
// subscribe twice or miss events while it is unmounted.
activeTransport.subscribeJobEvents(
  (event) => {
    useJobsStore.getState().receive(event);
    for (const follower of followers) follower(event);
  },
  (status) => useJobsStore.getState().setFeed(status),
);

/** How many jobs are still running; a number, so a selector using it re-renders only on change. */
export function countRunning(state: JobsSnapshot): number {
  return state.order.reduce(
    (count, id) => count + (state.jobs[id]?.state === 'running' ? 1 : 0),
    0,
  );
}
