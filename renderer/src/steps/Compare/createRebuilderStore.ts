import { create } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import type { AppError } from '../../../../shared/errors';
import type { RebuildLinksResult } from '../../../../shared/rebuilders';
import type { ReviewerKeyInfo } from '../../../../shared/reviewers';

export interface RebuilderState {
  /** This machine's rebuilder key (never its secret part); null when none is imported. */
  key: ReviewerKeyInfo | null;
  keyLoaded: boolean;
  keyError: AppError | null;
  importing: boolean;
  importError: AppError | null;
  attesting: boolean;
  /** The links signed for `tag`, by the last attestation. */
  result: { tag: string; links: RebuildLinksResult } | null;
  attestError: AppError | null;

  loadKey: () => Promise<void>;
  /** Imports the armored secret key; true when the engine took it. The text is not kept. */
  importKey: (armored: string) => Promise<boolean>;
  /** Signs the release's rebuild links; the passphrase is used for this request only. */
  attest: (tag: string, passphrase: string) => Promise<boolean>;
}

/** This machine as a rebuilder: its key, and the links it signs for what its rebuild reproduced. */
export function createRebuilderStore(client: CountersignClient) {
  return create<RebuilderState>()((set, get) => ({
    key: null,
    keyLoaded: false,
    keyError: null,
    importing: false,
    importError: null,
    attesting: false,
    result: null,
    attestError: null,

    async loadKey() {
      const outcome = await client.invoke('rebuilder:current', {});
      if (outcome.ok) set({ key: outcome.value, keyLoaded: true, keyError: null });
      else set({ keyLoaded: true, keyError: outcome.error });
    },

    async importKey(armored) {
      if (get().importing) return false;
      set({ importing: true, importError: null });
      const outcome = await client.invoke('rebuilder:importKey', { key: armored });
      if (!outcome.ok) {
        set({ importing: false, importError: outcome.error });
        return false;
      }
      set({ importing: false, key: outcome.value, keyLoaded: true });
      return true;
    },

    async attest(tag, passphrase) {
      if (get().attesting) return false;
      set({ attesting: true, attestError: null, result: null });
      const outcome = await client.invoke('rebuild:attest', { tag, passphrase });
      if (!outcome.ok) {
        set({ attesting: false, attestError: outcome.error });
        return false;
      }
      set({ attesting: false, result: { tag, links: outcome.value } });
      return true;
    },
  }));
}
