import { create } from 'zustand';
import { preferredReleaseTag } from './releaseChoice';
import type { CountersignClient } from '../../../shared/api';
import type { AppError } from '../../../shared/errors';
import type { ProjectSummary } from '../../../shared/project';
import type { TagVerdict, VerifyTagRequest } from '../../../shared/tags';

/** Where an error came from, so it is shown beside the thing that failed. */
export type ErrorArea = 'project' | 'signers' | 'verify';

export interface ReleaseState {
  project: ProjectSummary | null;
  projectLoading: boolean;
  /** The tag to verify, as typed or picked from the project's tags. */
  selectedTag: string;
  /** Optional commit the tag must resolve to, as typed. */
  expectedCommit: string;
  /** Accept SHA-1 signatures, for old releases only; off unless the user asks. */
  allowSha1: boolean;
  /** The verdict on the chosen tag, the one step 1 shows. */
  verdict: TagVerdict | null;
  /** The request that produced (or is producing) the verdict. */
  verdictRequest: VerifyTagRequest | null;
  /** Every verdict of this window by tag, so a refused tag never stands for another one. */
  verdicts: Record<string, TagVerdict>;
  /** The tags whose verification the release's audit log records (from releases:list), with when. */
  recordedVerified: Record<string, string>;
  /**
   * The release steps 2 to 6 are about: the last tag chosen that verified (in
   * this window or as recorded). Trying another tag that is refused leaves it.
   */
  activeTag: string | null;
  verifying: boolean;
  signersBusy: boolean;
  errors: Record<ErrorArea, AppError | null>;

  loadProject: () => Promise<void>;
  selectTag: (tag: string) => void;
  setExpectedCommit: (commit: string) => void;
  setAllowSha1: (allow: boolean) => void;
  verifySelectedTag: () => Promise<void>;
  importSigner: (key: string) => Promise<boolean>;
  removeSigner: (fingerprint: string) => Promise<boolean>;
  dismissError: (area: ErrorArea) => void;
  /** What the review folders record: these tags verified (tag → when); the steps they open follow. */
  recordVerifiedTags: (verified: Record<string, string>) => void;
  /** Forgets every tag's state, for another project. */
  forgetTags: () => void;
}

/**
 * Whether a tag counts as verified: a verdict of this window decides; without
 * one, the verification its audit log records. The engine checks again at
 * every step that acts on the tag, so this only opens the steps.
 */
export function tagCountsAsVerified(
  state: Pick<ReleaseState, 'verdicts' | 'recordedVerified'>,
  tag: string,
): boolean {
  if (tag === '') return false;
  const fresh = state.verdicts[tag];
  if (fresh) return fresh.verdict === 'verified';
  return Object.hasOwn(state.recordedVerified, tag);
}

/** The release steps 2 to 6 are about: the chosen tag when it verified, else the last one that did. */
export function releaseTagOf(
  state: Pick<ReleaseState, 'selectedTag' | 'activeTag' | 'verdicts' | 'recordedVerified'>,
): string | null {
  const selected = state.selectedTag.trim();
  if (tagCountsAsVerified(state, selected)) return selected;
  if (state.activeTag !== null && tagCountsAsVerified(state, state.activeTag)) {
    return state.activeTag;
  }
  return null;
}

const NO_ERRORS: Record<ErrorArea, AppError | null> = {
  project: null,
  signers: null,
  verify: null,
};

/**
 * The release under review: the open project, the tag being checked and its
 * verdict. Built from a client so tests can hand it a fake engine.
 */
export function createReleaseStore(client: CountersignClient) {
  // Only the latest verification may set the verdict; an older, slower answer is dropped.
  let latestVerification = 0;

  return create<ReleaseState>()((set, get) => {
    const setError = (area: ErrorArea, error: AppError | null) =>
      set((state) => ({ errors: { ...state.errors, [area]: error } }));

    const applyProject = (project: ProjectSummary) => set({ project });

    return {
      project: null,
      projectLoading: false,
      selectedTag: '',
      expectedCommit: '',
      allowSha1: false,
      verdict: null,
      verdictRequest: null,
      verdicts: {},
      recordedVerified: {},
      activeTag: null,
      verifying: false,
      signersBusy: false,
      errors: NO_ERRORS,

      async loadProject() {
        set({ projectLoading: true });
        setError('project', null);
        const outcome = await client.invoke('project:current', {});
        set({ projectLoading: false });
        if (!outcome.ok) {
          setError('project', outcome.error);
          return;
        }
        const project = outcome.value;
        // The newest release is chosen with the project, in one update: never later, under a
        // tag being typed (which it would be appended to). The recorded choice may refine it.
        const chosen =
          project && get().selectedTag.trim() === ''
            ? preferredReleaseTag([], project.tags, null)
            : null;
        set({ project, ...(chosen ? { selectedTag: chosen } : {}) });
      },

      selectTag(selectedTag) {
        const state = get();
        const tag = selectedTag.trim();
        // The verdict shown is the chosen tag's own, or none: never another tag's.
        const verdict = state.verdicts[tag] ?? null;
        const showing = state.verifying && state.verdictRequest?.tag === tag;
        set({
          selectedTag,
          ...(showing ? {} : { verdict, verdictRequest: verdict ? { tag } : null }),
          ...(tagCountsAsVerified(state, tag) ? { activeTag: tag } : {}),
          errors: { ...state.errors, verify: null },
        });
      },
      setExpectedCommit: (expectedCommit) => set({ expectedCommit }),
      setAllowSha1: (allowSha1) => set({ allowSha1 }),

      async verifySelectedTag() {
        const tag = get().selectedTag.trim();
        const commit = get().expectedCommit.trim().toLowerCase();
        const request: VerifyTagRequest = { tag };
        if (commit !== '') request.expectCommit = commit;
        if (get().allowSha1) request.allowSha1 = true;
        const ticket = ++latestVerification;
        set({ verifying: true, verdict: null, verdictRequest: request });
        setError('verify', null);
        const outcome = await client.invoke('tags:verify', request);
        if (outcome.ok) {
          // Kept by tag whatever came later, so each tag keeps its own verdict.
          const verdict = outcome.value;
          set((state) => ({
            verdicts: { ...state.verdicts, [tag]: verdict },
            ...(verdict.verdict === 'verified' && state.selectedTag.trim() === tag
              ? { activeTag: tag }
              : {}),
          }));
        }
        if (ticket !== latestVerification) return;
        set({ verifying: false });
        if (outcome.ok) set({ verdict: outcome.value });
        else setError('verify', outcome.error);
      },

      async importSigner(key) {
        set({ signersBusy: true });
        setError('signers', null);
        const outcome = await client.invoke('signers:import', { key });
        set({ signersBusy: false });
        if (outcome.ok) applyProject(outcome.value);
        else setError('signers', outcome.error);
        return outcome.ok;
      },

      async removeSigner(fingerprint) {
        set({ signersBusy: true });
        setError('signers', null);
        const outcome = await client.invoke('signers:remove', { fingerprint });
        set({ signersBusy: false });
        if (outcome.ok) applyProject(outcome.value);
        else setError('signers', outcome.error);
        return outcome.ok;
      },

      dismissError: (area) => setError(area, null),

      recordVerifiedTags: (recordedVerified) =>
        set((state) => ({
          recordedVerified,
          ...(state.activeTag === null &&
          tagCountsAsVerified({ ...state, recordedVerified }, state.selectedTag.trim())
            ? { activeTag: state.selectedTag.trim() }
            : {}),
        })),

      forgetTags: () =>
        set({
          verdict: null,
          verdictRequest: null,
          verdicts: {},
          recordedVerified: {},
          activeTag: null,
        }),
    };
  });
}
