import { create } from 'zustand';
import type { CountersignClient } from '../../../shared/api';
import type { AppError } from '../../../shared/errors';
import type { JobEvent } from '../../../shared/jobs';
import type { RecentProject } from '../../../shared/projectSetup';
import {
  createJobFollowSlice,
  JOB_STARTED,
  jobSettled,
  type JobFollowSlice,
} from '../stores/jobFollowSlice';

/** What the start screen shows: its choices, or the "New project…" wizard. */
export type StartView = 'home' | 'new-project';

/** Where a project was being opened from, so its refusal is shown there. */
export type OpenOrigin = 'path' | 'recent';

export interface StartState extends JobFollowSlice {
  /** The user asked for the start screen while a project is open ("Switch project…"). */
  requested: boolean;
  view: StartView;
  recent: RecentProject[] | null;
  recentError: AppError | null;
  /** The project.json path as typed. */
  openPath: string;
  /** The project file being opened, while it is. */
  opening: string | null;
  openError: { origin: OpenOrigin; projectFile: string; error: AppError } | null;
  /** The demo job's latest log line, while it is made. */
  demoLog: string | null;

  show: () => void;
  hide: () => void;
  showView: (view: StartView) => void;
  loadRecent: () => Promise<void>;
  setOpenPath: (path: string) => void;
  openProject: (projectFile: string, origin: OpenOrigin) => Promise<boolean>;
  openDemo: () => Promise<boolean>;
  /** After a project was opened by any route (the wizard too): reload and leave the start screen. */
  finishOpening: () => Promise<void>;
}

/**
 * The start screen: recent projects, opening one by its project.json, the
 * demo (made as a "setup" job the first time), and which view is shown.
 * `afterOpen` reloads the window's project; tests hand in their own.
 */
export function createStartStore(client: CountersignClient, afterOpen: () => Promise<void>) {
  const followJob = createJobFollowSlice<StartState>(client, {
    kind: 'setup',
    alsoApply: (event: JobEvent) => (event.log === undefined ? {} : { demoLog: event.log }),
  });

  return create<StartState>()((set, get, store) => ({
    ...followJob(set, get, store),
    requested: false,
    view: 'home',
    recent: null,
    recentError: null,
    openPath: '',
    opening: null,
    openError: null,
    demoLog: null,

    show: () => set({ requested: true, view: 'home', openError: null }),
    hide: () => set({ requested: false, view: 'home' }),
    showView: (view) => set({ view }),

    async loadRecent() {
      const outcome = await client.invoke('project:recent', {});
      if (outcome.ok) set({ recent: outcome.value.projects, recentError: null });
      else set({ recentError: outcome.error });
    },

    setOpenPath: (openPath) => set({ openPath }),

    async openProject(projectFile, origin) {
      if (get().opening !== null || get().running) return false;
      set({ opening: projectFile, openError: null });
      const outcome = await client.invoke('project:open', { projectFile });
      set({ opening: null });
      if (!outcome.ok) {
        set({ openError: { origin, projectFile, error: outcome.error } });
        return false;
      }
      await get().finishOpening();
      return true;
    },

    async openDemo() {
      if (get().opening !== null || get().running) return false;
      set({ ...JOB_STARTED, demoLog: null, openError: null });
      const outcome = await client.invoke('project:openDemo', {});
      set(jobSettled(outcome));
      if (!outcome.ok) return false;
      await get().finishOpening();
      return true;
    },

    async finishOpening() {
      await afterOpen();
      set({ requested: false, view: 'home', openPath: '', demoLog: null });
      void get().loadRecent();
    },
  }));
}
