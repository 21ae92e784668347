import { create } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import type { AppError } from '../../../../shared/errors';
import type { JobEvent } from '../../../../shared/jobs';
import type { ArtifactReview, Decision, DiffPage, ReviewSummary } from '../../../../shared/review';
import type { ReviewerKeyInfo } from '../../../../shared/reviewers';
import type { SignOffResult } from '../../../../shared/approvals';
import type { DecisionRule } from '../../../../shared/decisionRule';
import { DIFF_PAGE_LINES, type DiffLayout } from './diffRendering';
import { pickSelection, treeRows, type DifferenceFilter } from './differenceTree';
import {
  createJobFollowSlice,
  JOB_IDLE,
  JOB_STARTED,
  jobSettled,
  type JobFollowSlice,
} from '../../stores/jobFollowSlice';

/** The pages of one difference's diff loaded so far. */
export interface DiffView {
  pages: DiffPage[];
  loading: boolean;
  error: AppError | null;
}

/** What a decision names: the differences one by one, or a rule that selects them. */
export type DecisionTarget = { differenceIds: string[] } | { rule: DecisionRule };

/** How many differences' diffs are kept, so stepping back and forth does not fetch again. */
export const DIFF_CACHE_SIZE = 24;

/**
 * The report's job (the diffoscope run) comes from the slice: a run asked for
 * with review:runReport, or the one review:open started in the background.
 */
export interface ReviewState extends JobFollowSlice {
  /** The release under review. */
  tag: string | null;
  summary: ReviewSummary | null;
  summaryLoading: boolean;
  summaryError: AppError | null;
  /** The artifact open, by its comparison key. */
  key: string | null;
  review: ArtifactReview | null;
  opening: boolean;
  openError: AppError | null;
  /** The run followed is the report review:open started: its job's end means "open again". */
  backgroundReport: boolean;
  /** The selected row: a node id (report ready) or a member id (provisional view). */
  selectedId: string | null;
  /** Whether the user chose the selection (else the step picked it on opening). */
  selectionChosen: boolean;
  filter: DifferenceFilter;
  layout: DiffLayout;
  /** Loaded diffs, by `diffKey`. */
  diffs: Record<string, DiffView>;
  deciding: boolean;
  decideError: AppError | null;
  /** This machine's reviewer key (never its secret part); null when none is imported. */
  reviewerKey: ReviewerKeyInfo | null;
  /** Whether reviewer:current has answered once. */
  reviewerKeyLoaded: boolean;
  reviewerKeyError: AppError | null;
  importingReviewerKey: boolean;
  importReviewerKeyError: AppError | null;
  signingOff: boolean;
  signOffResult: SignOffResult | null;
  signOffError: AppError | null;

  loadSummary: (tag: string) => Promise<void>;
  /** Opens an artifact (again): its member listing at once, diffoscope's tree when ready. */
  openArtifact: (tag: string, key: string) => Promise<void>;
  /** Opens the current artifact again, keeping what is shown until the answer comes. */
  refresh: () => Promise<void>;
  runReport: (timeLimitSeconds?: number) => Promise<void>;
  select: (id: string) => void;
  setFilter: (filter: DifferenceFilter) => void;
  setLayout: (layout: DiffLayout) => void;
  toggleLayout: () => void;
  /** Fetches the first page of a row's diff unless it is loaded or on its way. */
  loadDiff: (id: string) => Promise<void>;
  loadMoreDiff: (id: string) => Promise<void>;
  /**
   * Records a decision; true when the engine took it. The passphrase unlocks
   * this machine's reviewer key for this request only: it is never kept here.
   */
  decide: (
    decision: Decision,
    comment: string,
    target: DecisionTarget,
    passphrase?: string,
  ) => Promise<boolean>;
  loadReviewerKey: () => Promise<void>;
  /** Imports the reviewer's armored secret key; true when the engine took it. The text is not kept. */
  importReviewerKey: (armored: string) => Promise<boolean>;
  /** Signs off on the release under review with the reviewer key; true when it was signed. */
  signOff: (passphrase: string) => Promise<boolean>;
  dismissDecideError: () => void;
  /** Back to nothing loaded; answers still on their way are dropped. */
  reset: () => void;
}

type ArtifactData = Pick<
  ReviewState,
  | 'key'
  | 'review'
  | 'opening'
  | 'openError'
  | 'backgroundReport'
  | 'selectedId'
  | 'selectionChosen'
  | 'filter'
  | 'diffs'
  | 'deciding'
  | 'decideError'
  | keyof typeof JOB_IDLE
>;

const NO_ARTIFACT: ArtifactData = {
  key: null,
  review: null,
  opening: false,
  openError: null,
  backgroundReport: false,
  selectedId: null,
  selectionChosen: false,
  filter: 'all',
  diffs: {},
  deciding: false,
  decideError: null,
  ...JOB_IDLE,
};

/** What a sign-off shows: it belongs to one release. */
const NO_SIGN_OFF = { signingOff: false, signOffResult: null, signOffError: null };

/**
 * Where a row's diff is kept: a node's under its report's hash (a new report
 * never shows an old report's diff), a member's on its own.
 */
export function diffKey(review: ArtifactReview, id: string): string {
  return review.report.state === 'ready'
    ? `node:${review.report.reportSha256 ?? ''}:${id}`
    : `member:${id}`;
}

/** The diffs kept, with one changed, the oldest dropped beyond the cache size (never the changed one). */
function withDiff(
  diffs: Record<string, DiffView>,
  key: string,
  view: DiffView,
): Record<string, DiffView> {
  const next: Record<string, DiffView> = {};
  const keys = Object.keys(diffs).filter((existing) => existing !== key);
  for (const kept of keys.slice(Math.max(keys.length - (DIFF_CACHE_SIZE - 1), 0))) {
    next[kept] = diffs[kept]!;
  }
  next[key] = view;
  return next;
}

/** A job already under way, as this window's job feed last saw it. */
export type RunningJob = Pick<JobEvent, 'jobId' | 'phase' | 'progress'>;

/** The engine names each report's job after its artifact. */
export const reportJobTitle = (artifactName: string) => `diffoscope ${artifactName}`;

export interface ReviewStoreOptions {
  /**
   * The running job of this title, if the window has seen it: a report the
   * engine started may have sent its first events before review:open answered.
   */
  findRunningJob?: (title: string) => RunningJob | null;
}

/**
 * Step 4: the release's artifacts that need review and where each stands
 * (review:summary), the artifact open (review:open), its tree's selection and
 * filter, the diffs of the differences looked at, one page at a time, and the
 * decisions. Built from a client so tests can hand it a fake engine.
 */
export function createReviewStore(client: CountersignClient, options: ReviewStoreOptions = {}) {
  // Only the latest open may set the artifact; a new artifact (or a reset) drops every older answer.
  let latestOpen = 0;
  let artifactGeneration = 0;
  let latestSummary = 0;

  const followJob = createJobFollowSlice<ReviewState>(client, {
    kind: 'diffoscope',
    claims: (event, state) =>
      event.state === 'running' &&
      (state.review === null || event.title === reportJobTitle(state.review.name)),
  });

  return create<ReviewState>()((set, get, store) => {
    const job = followJob(set, get, store);

    /** Takes the engine's view of the open artifact: its tree, decisions, verdict and report. */
    const applyReview = (review: ArtifactReview) => {
      const state = get();
      const previous = state.review;
      const previousMember =
        previous && previous.report.state !== 'ready'
          ? (previous.members.find((member) => member.id === state.selectedId)?.path ?? null)
          : null;
      const selectedId = pickSelection(
        treeRows(review, 'all'),
        state.selectedId,
        review.report.state === 'ready' ? previousMember : null,
        state.selectionChosen,
      );
      const reportRunning = review.report.state === 'running';
      let run: Partial<ReviewState> = {};
      if (reportRunning && !state.running) {
        // The engine runs the report in the background: follow its job until it ends, from
        // where the window's job feed already saw it, if it did.
        const seen = options.findRunningJob?.(reportJobTitle(review.name)) ?? null;
        run = { ...JOB_STARTED, ...seen, backgroundReport: true };
      } else if (!reportRunning && state.running && state.backgroundReport) {
        // Its job ended, whether or not this window saw the job's last event.
        const jobState = review.report.state === 'ready' ? 'succeeded' : state.jobState;
        run = {
          running: false,
          cancelling: false,
          backgroundReport: false,
          jobState: review.report.state === 'failed' ? 'failed' : jobState,
          cancelled: state.jobState === 'cancelled',
        };
      }
      const summary = state.summary && {
        ...state.summary,
        artifacts: state.summary.artifacts.map((artifact) =>
          artifact.key === review.key ? { ...artifact, verdict: review.verdict } : artifact,
        ),
      };
      set({ review, selectedId, summary, ...run });
    };

    const reopen = async (tag: string, key: string, quietly: boolean) => {
      const ticket = ++latestOpen;
      const generation = artifactGeneration;
      if (!quietly) set({ opening: true, openError: null });
      const outcome = await client.invoke('review:open', { tag, key });
      if (ticket !== latestOpen || generation !== artifactGeneration) return;
      set({ opening: false });
      if (outcome.ok) {
        set({ openError: null });
        applyReview(outcome.value);
      } else if (!quietly || get().review === null) {
        set({ openError: outcome.error });
      }
    };

    const fetchPage = async (id: string, from: number) => {
      const { tag, key, review } = get();
      if (tag === null || key === null || review === null) return;
      const cacheKey = diffKey(review, id);
      const generation = artifactGeneration;
      const existing = get().diffs[cacheKey] ?? { pages: [], loading: false, error: null };
      set({ diffs: withDiff(get().diffs, cacheKey, { ...existing, loading: true, error: null }) });
      const outcome =
        review.report.state === 'ready'
          ? await client.invoke('review:diffPage', {
              tag,
              key,
              differenceId: id,
              from,
              maxLines: DIFF_PAGE_LINES,
            })
          : await client.invoke('review:memberDiff', {
              tag,
              key,
              memberId: id,
              from,
              maxLines: DIFF_PAGE_LINES,
            });
      if (generation !== artifactGeneration) return;
      const current = get().diffs[cacheKey] ?? existing;
      const view: DiffView = outcome.ok
        ? {
            pages: [...current.pages.filter((page) => page.from < from), outcome.value],
            loading: false,
            error: null,
          }
        : { ...current, loading: false, error: outcome.error };
      set({ diffs: withDiff(get().diffs, cacheKey, view) });
    };

    return {
      ...job,
      tag: null,
      summary: null,
      summaryLoading: false,
      summaryError: null,
      ...NO_ARTIFACT,
      ...NO_SIGN_OFF,
      reviewerKey: null,
      reviewerKeyLoaded: false,
      reviewerKeyError: null,
      importingReviewerKey: false,
      importReviewerKeyError: null,
      layout: 'line-by-line',

      async loadSummary(tag) {
        const ticket = ++latestSummary;
        if (get().tag !== tag) {
          artifactGeneration += 1;
          set({ tag, summary: null, ...NO_ARTIFACT, ...NO_SIGN_OFF });
        }
        set({ summaryLoading: true, summaryError: null });
        const outcome = await client.invoke('review:summary', { tag });
        if (ticket !== latestSummary) return;
        if (outcome.ok) set({ summaryLoading: false, summary: outcome.value });
        else set({ summaryLoading: false, summaryError: outcome.error });
      },

      async openArtifact(tag, key) {
        const state = get();
        if (state.tag !== tag || state.key !== key) {
          // Another artifact: nothing of the previous one may show, nor its run be followed.
          artifactGeneration += 1;
          set({ ...NO_ARTIFACT, tag, key, ...(state.tag !== tag ? { summary: null } : {}) });
        }
        await reopen(tag, key, false);
      },

      async refresh() {
        const { tag, key, review } = get();
        // With nothing shown yet (a failed open), this is a plain open again.
        if (tag !== null && key !== null) await reopen(tag, key, review !== null);
      },

      async runReport(timeLimitSeconds) {
        const { tag, key, review, running } = get();
        if (tag === null || key === null || running) return;
        const generation = artifactGeneration;
        latestOpen += 1;
        set({
          ...JOB_STARTED,
          backgroundReport: false,
          review: review && {
            ...review,
            report: { ...review.report, state: 'running', problem: null },
          },
        });
        const outcome = await client.invoke('review:runReport', {
          tag,
          key,
          ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
        });
        if (generation !== artifactGeneration) return;
        set(jobSettled(outcome));
        // A failed run leaves the report failed on disk, with its problem: show that.
        if (outcome.ok) applyReview(outcome.value);
        else await get().refresh();
        void get().loadSummary(tag);
      },

      receiveJobEvent(event: JobEvent) {
        job.receiveJobEvent(event);
        if (event.kind !== 'diffoscope' || event.state === 'running') return;
        const state = get();
        // A report the engine ran on its own has ended (ours, or one we never saw start): look again.
        if (
          state.review?.report.state === 'running' &&
          (state.backgroundReport || !state.running)
        ) {
          void get().refresh();
        }
      },

      select: (selectedId) => set({ selectedId, selectionChosen: true }),
      setFilter: (filter) => set({ filter }),
      setLayout: (layout) => set({ layout }),
      toggleLayout: () =>
        set((state) => ({
          layout: state.layout === 'side-by-side' ? 'line-by-line' : 'side-by-side',
        })),

      async loadDiff(id) {
        const { review, diffs } = get();
        if (review === null) return;
        const existing = diffs[diffKey(review, id)];
        if (existing && (existing.loading || existing.pages.length > 0)) return;
        await fetchPage(id, 0);
      },

      async loadMoreDiff(id) {
        const { review, diffs } = get();
        // Only the report's diffs come in pages; a member's comes in one answer.
        if (review === null || review.report.state !== 'ready') return;
        const existing = diffs[diffKey(review, id)];
        const next = existing?.pages.at(-1)?.next ?? null;
        if (!existing || existing.loading || next === null) return;
        await fetchPage(id, next);
      },

      async decide(decision, comment, target, passphrase) {
        const { tag, key } = get();
        if (tag === null || key === null) return false;
        const generation = artifactGeneration;
        set({ deciding: true, decideError: null });
        const outcome = await client.invoke('review:decide', {
          tag,
          key,
          decision,
          comment,
          ...target,
          ...(passphrase === undefined ? {} : { passphrase }),
        });
        if (generation !== artifactGeneration) return false;
        set({ deciding: false });
        if (!outcome.ok) {
          set({ decideError: outcome.error });
          return false;
        }
        applyReview(outcome.value);
        // Whether the whole release is approved now is the engine's to say.
        void get().loadSummary(tag);
        return true;
      },

      dismissDecideError: () => set({ decideError: null }),

      async loadReviewerKey() {
        const outcome = await client.invoke('reviewer:current', {});
        if (outcome.ok) {
          set({ reviewerKey: outcome.value, reviewerKeyLoaded: true, reviewerKeyError: null });
        } else {
          set({ reviewerKeyLoaded: true, reviewerKeyError: outcome.error });
        }
      },

      async importReviewerKey(armored) {
        if (get().importingReviewerKey) return false;
        set({ importingReviewerKey: true, importReviewerKeyError: null });
        const outcome = await client.invoke('reviewer:importKey', { key: armored });
        set({ importingReviewerKey: false });
        if (!outcome.ok) {
          set({ importReviewerKeyError: outcome.error });
          return false;
        }
        set({ reviewerKey: outcome.value, reviewerKeyLoaded: true, reviewerKeyError: null });
        return true;
      },

      async signOff(passphrase) {
        const { tag, signingOff } = get();
        if (tag === null || signingOff) return false;
        set({ signingOff: true, signOffError: null, signOffResult: null });
        const outcome = await client.invoke('review:signOff', { tag, passphrase });
        if (get().tag !== tag) return false;
        if (!outcome.ok) {
          set({ signingOff: false, signOffError: outcome.error });
          return false;
        }
        set({ signingOff: false, signOffResult: outcome.value });
        return true;
      },

      reset() {
        latestOpen += 1;
        latestSummary += 1;
        artifactGeneration += 1;
        set({
          tag: null,
          summary: null,
          summaryLoading: false,
          summaryError: null,
          ...NO_ARTIFACT,
          ...NO_SIGN_OFF,
        });
      },
    };
  });
}
