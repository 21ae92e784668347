import { create } from 'zustand';
import type { CountersignClient } from '../../../shared/api';
import type { AppError } from '../../../shared/errors';
import type {
  ImportDecisionsResult,
  OpenedBundleView,
  WrittenDecisionsView,
} from '../../../shared/reviewBundle';

export interface BundleState {
  /** The review bundle open in place of a project, or null. */
  opened: OpenedBundleView | null;
  /** The bundle path as typed on the start screen. */
  openPath: string;
  opening: boolean;
  openError: AppError | null;
  writing: boolean;
  written: WrittenDecisionsView | null;
  writeError: AppError | null;
  importing: boolean;
  imported: ImportDecisionsResult | null;
  importError: AppError | null;

  setOpenPath: (path: string) => void;
  /** Asks the engine which bundle is open (after a reload). */
  loadCurrent: () => Promise<void>;
  /** Opens a bundle by its path; true when it opened. */
  open: (file: string) => Promise<boolean>;
  close: () => Promise<void>;
  /** Writes this reviewer's decisions as one signed file; the passphrase is not kept. */
  writeDecisions: (out: string, passphrase: string) => Promise<boolean>;
  /** The release manager's side: a reviewer's decisions file (its base64 bytes) into the release. */
  importDecisions: (tag: string, content: string) => Promise<boolean>;
  dismissImport: () => void;
}

/** What the window does after a bundle opens or closes, and after decisions are imported. */
export interface BundleEffects {
  /** The review shown belongs to another release now: forget it. */
  switched: () => void;
  /** A release's decisions changed: read its review again. */
  imported: (tag: string) => Promise<void>;
}

const NOTHING_WRITTEN = { writing: false, written: null, writeError: null };

/**
 * Review from another machine: opening a review bundle in place of a
 * project, writing this reviewer's signed decisions back, and (on the
 * release manager's machine) importing such a file into the open release.
 */
export function createBundleStore(client: CountersignClient, effects: BundleEffects) {
  return create<BundleState>()((set, get) => ({
    opened: null,
    openPath: '',
    opening: false,
    openError: null,
    ...NOTHING_WRITTEN,
    importing: false,
    imported: null,
    importError: null,

    setOpenPath: (openPath) => set({ openPath }),

    async loadCurrent() {
      const outcome = await client.invoke('bundle:current', {});
      if (outcome.ok) set({ opened: outcome.value });
    },

    async open(file) {
      if (get().opening) return false;
      set({ opening: true, openError: null });
      const outcome = await client.invoke('bundle:open', { file });
      if (!outcome.ok) {
        set({ opening: false, openError: outcome.error });
        return false;
      }
      effects.switched();
      set({ opening: false, opened: outcome.value, ...NOTHING_WRITTEN });
      return true;
    },

    async close() {
      await client.invoke('bundle:close', {});
      effects.switched();
      set({ opened: null, ...NOTHING_WRITTEN });
    },

    async writeDecisions(out, passphrase) {
      if (get().writing) return false;
      set({ writing: true, written: null, writeError: null });
      const outcome = await client.invoke('bundle:writeDecisions', { out, passphrase });
      if (!outcome.ok) {
        set({ writing: false, writeError: outcome.error });
        return false;
      }
      set({ writing: false, written: outcome.value });
      return true;
    },

    async importDecisions(tag, content) {
      if (get().importing) return false;
      set({ importing: true, imported: null, importError: null });
      const outcome = await client.invoke('review:importDecisions', { tag, content });
      if (!outcome.ok) {
        set({ importing: false, importError: outcome.error });
        return false;
      }
      set({ importing: false, imported: outcome.value });
      await effects.imported(tag);
      return true;
    },

    dismissImport: () => set({ imported: null, importError: null }),
  }));
}
