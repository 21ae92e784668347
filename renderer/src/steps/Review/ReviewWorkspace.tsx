import { useEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { ArtifactComparison } from '../../../../shared/compare';
import type { ArtifactReview, Decision } from '../../../../shared/review';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UntrustedText } from '../../components/UntrustedText';
import { useReviewStore } from './reviewStore';
import { useUiStore } from '../../stores/uiStore';
import { formatCount } from '../../format/count';
import { CopyFacts } from './CopyFacts';
import { DifferenceDetail } from './DifferenceDetail';
import { DifferenceFilterBar } from './DifferenceFilterBar';
import { DifferenceTree } from './DifferenceTree';
import {
  edgeSelection,
  nextAwaitingDecision,
  stepSelection,
  treeRows,
  type TreeRow,
} from './differenceTree';
import { ReportStatus } from './ReportStatus';
import { ReviewNotice, type Notice } from './ReviewNotice';
import type { ReviewCommand } from './reviewShortcuts';
import { RuleDecisionForm } from './RuleDecisionForm';
import { ShortcutHelp } from './ShortcutHelp';
import { useReviewShortcuts } from './useReviewShortcuts';
import { VerdictLabel } from './VerdictLabel';

/** What the step says when a key has nowhere to go, or went round. */
export const NOTICES = {
  last: 'Last difference: there is none after it.',
  first: 'First difference: there is none before it.',
  noneLeft: 'No undecided difference left.',
  noReportYet: 'Nothing to decide until diffoscope’s report is ready.',
  onlyOneLeft: 'This is the only undecided difference left.',
  wrapped: 'Back to the first undecided difference.',
} as const;

/** How often the step looks again while diffoscope runs, in case a job event was missed. */
const REPORT_POLL_MS = 5_000;

/** Both copies in full, folded away: the tree and the diff come first. */
function BothCopies({ row }: { row: ArtifactComparison }) {
  return (
    <details className="review-copies" data-testid="review-copies">
      <summary>Both copies: paths, sizes and SHA-256</summary>
      <div className="review-copies__sides">
        <CopyFacts
          title="CI’s copy"
          copy={row.ci}
          missing="CI did not publish this artifact."
          testId="review-ci"
        />
        <CopyFacts
          title="The rebuild’s copy"
          copy={row.local}
          missing="The rebuild did not produce this artifact."
          testId="review-local"
        />
      </div>
    </details>
  );
}

interface ReviewTreePaneProps {
  review: ArtifactReview;
  rows: readonly TreeRow[];
  selectedId: string | null;
  focusRequest: number;
  notice: Notice | null;
  onSelect: (id: string) => void;
  onStep: (move: 'next' | 'previous' | 'first' | 'last') => void;
}

/** The left pane: the counts as filters and the tree, or the provisional listing; deciding by rule. */
function ReviewTreePane({
  review,
  rows,
  selectedId,
  focusRequest,
  notice,
  onSelect,
  onStep,
}: ReviewTreePaneProps) {
  const filter = useReviewStore((state) => state.filter);
  const setFilter = useReviewStore((state) => state.setFilter);
  const [ruleOpen, setRuleOpen] = useState(false);
  const ready = review.report.state === 'ready';

  return (
    <div className="review-workspace__tree">
      {ready ? (
        <DifferenceFilterBar counts={review.counts} value={filter} onChange={setFilter} />
      ) : (
        <p className="review-workspace__provisional" data-testid="review-provisional">
          Provisional:{' '}
          {review.members.length === 1
            ? '1 member differs'
            : `${formatCount(review.members.length)} members differ`}
          , by Countersign’s own reading.
        </p>
      )}
      <ReviewNotice notice={notice} />
      <DifferenceTree
        rows={rows}
        selectedId={selectedId}
        onSelect={onSelect}
        onStep={onStep}
        focusRequest={focusRequest}
        label={ready ? 'diffoscope’s tree of differences' : 'Members that differ'}
      />
      {rows.length === 0 ? (
        <p className="review-workspace__empty" data-testid="review-tree-empty">
          {ready
            ? filter === 'all'
              ? 'diffoscope reported no difference to decide.'
              : 'No difference has this status.'
            : 'Countersign’s own reading found no member to list; wait for diffoscope’s report.'}
        </p>
      ) : null}
      {ready && review.counts.differences > 0 ? (
        ruleOpen ? (
          <RuleDecisionForm nodes={review.nodes} onClose={() => setRuleOpen(false)} />
        ) : (
          <button
            type="button"
            className="button review-workspace__rule"
            data-testid="review-open-rule"
            onClick={() => setRuleOpen(true)}
          >
            Decide by rule…
          </button>
        )
      ) : null}
    </div>
  );
}

interface ReviewWorkspaceProps {
  artifactKey: string;
  /** The artifact's name before the review arrives (from the summary or the comparison). */
  name: string;
  comparison: ArtifactComparison | undefined;
  headingRef: Ref<HTMLHeadingElement>;
  /** Outside the walk (an opened review bundle) there is no Compare step to go back to. */
  standalone?: boolean;
}

/**
 * One differing artifact under review: its verdict and diffoscope's report,
 * the tree of differences (left) and the selected one's decision and diff
 * (right), driven by the keyboard as much as by the mouse.
 */
export function ReviewWorkspace({
  artifactKey,
  name,
  comparison,
  headingRef,
  standalone = false,
}: ReviewWorkspaceProps) {
  const review = useReviewStore((state) => (state.key === artifactKey ? state.review : null));
  const opening = useReviewStore((state) => state.opening);
  const openError = useReviewStore((state) => state.openError);
  const decideError = useReviewStore((state) => state.decideError);
  const dismissDecideError = useReviewStore((state) => state.dismissDecideError);
  const selectedId = useReviewStore((state) => state.selectedId);
  const filter = useReviewStore((state) => state.filter);
  const select = useReviewStore((state) => state.select);
  const setFilter = useReviewStore((state) => state.setFilter);
  const toggleLayout = useReviewStore((state) => state.toggleLayout);
  const refresh = useReviewStore((state) => state.refresh);
  const showStep = useUiStore((state) => state.showStep);

  const [intent, setIntent] = useState<Decision | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  // Said when a key had nowhere to go (j at the end, n with nothing left): seen and heard.
  const [notice, setNotice] = useState<Notice | null>(null);
  const announce = (text: string | null) =>
    setNotice((previous) => (text === null ? null : { text, count: (previous?.count ?? 0) + 1 }));
  const commentBox = useRef<HTMLTextAreaElement>(null);

  const rows = useMemo(() => (review ? treeRows(review, filter) : []), [review, filter]);
  const allRows = useMemo(
    () => (review && filter !== 'all' ? treeRows(review, 'all') : rows),
    [review, filter, rows],
  );
  const reportState = review?.report.state ?? null;

  // A backstop for a missed job event: while the report runs, look again now and then.
  useEffect(() => {
    if (reportState !== 'running') return;
    const timer = window.setInterval(() => void refresh(), REPORT_POLL_MS);
    return () => window.clearInterval(timer);
  }, [reportState, refresh]);

  const focusTree = () => setFocusRequest((count) => count + 1);
  const moveTo = (id: string | null, notice: string | null = null) => {
    announce(notice);
    if (id === null) return;
    if (!rows.some((row) => row.id === id)) setFilter('all');
    select(id);
    setIntent(null);
    focusTree();
  };
  const onStep = (move: 'next' | 'previous' | 'first' | 'last') => {
    if (move === 'next' || move === 'previous') {
      const id = stepSelection(rows, selectedId, move === 'next' ? 1 : -1);
      if (id === null && rows.length > 0) {
        announce(move === 'next' ? NOTICES.last : NOTICES.first);
        focusTree();
        return;
      }
      moveTo(id);
    } else {
      moveTo(edgeSelection(rows, move));
    }
  };

  const moveToNextUndecided = () => {
    const id = nextAwaitingDecision(allRows, selectedId);
    if (id === null) {
      announce(review?.report.state === 'ready' ? NOTICES.noneLeft : NOTICES.noReportYet);
      return;
    }
    const from = allRows.findIndex((row) => row.id === selectedId);
    const to = allRows.findIndex((row) => row.id === id);
    moveTo(
      id,
      id === selectedId ? NOTICES.onlyOneLeft : from !== -1 && to < from ? NOTICES.wrapped : null,
    );
  };

  const selectedNode =
    review?.report.state === 'ready'
      ? review.nodes.find((node) => node.id === selectedId && node.decidable)
      : undefined;
  const decidable = selectedNode !== undefined && selectedNode.explainedBy === null;

  useReviewShortcuts((command: ReviewCommand) => {
    switch (command) {
      case 'next':
        return onStep('next');
      case 'previous':
        return onStep('previous');
      case 'next-unreviewed':
        return moveToNextUndecided();
      case 'accept':
      case 'block':
        if (!decidable) return;
        setIntent(command === 'accept' ? 'accepted' : 'blocking');
        commentBox.current?.focus();
        return;
      case 'comment':
        commentBox.current?.focus();
        return;
      case 'toggle-layout':
        toggleLayout();
        return;
    }
  });

  return (
    <section
      className="panel review-artifact"
      aria-labelledby="review-heading"
      data-testid="review-artifact"
      data-key={artifactKey}
      data-verdict={review?.verdict}
      aria-busy={opening ? true : undefined}
    >
      <div className="panel__header">
        <h2
          className="panel__title review-artifact__name"
          id="review-heading"
          tabIndex={-1}
          ref={headingRef}
          data-testid="review-artifact-name"
        >
          <UntrustedText text={review?.name ?? name} />
        </h2>
        <div className="review-artifact__status">
          {review ? <VerdictLabel verdict={review.verdict} testId="review-verdict" /> : null}
          {standalone ? null : (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => showStep('compare')}
            >
              Back to Compare
            </button>
          )}
        </div>
      </div>

      {review ? <ReportStatus report={review.report} /> : null}
      {comparison ? <BothCopies row={comparison} /> : null}

      {openError ? (
        <div className="review-artifact__error">
          <ErrorAlert error={openError} title="Could not open this artifact for review" />
          <button type="button" className="button" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      ) : null}
      {decideError ? (
        <ErrorAlert
          error={decideError}
          title="The decision was not recorded"
          onDismiss={dismissDecideError}
        />
      ) : null}

      {review ? (
        <>
          <ShortcutHelp />
          <div className="review-workspace">
            <ReviewTreePane
              review={review}
              rows={rows}
              selectedId={selectedId}
              focusRequest={focusRequest}
              notice={notice}
              onSelect={(id) => {
                announce(null);
                select(id);
                setIntent(null);
              }}
              onStep={onStep}
            />
            <DifferenceDetail
              review={review}
              selectedId={selectedId}
              intent={intent}
              onIntent={setIntent}
              commentRef={commentBox}
              onSelect={moveTo}
              onDone={focusTree}
            />
          </div>
        </>
      ) : openError ? null : (
        <div className="verdict-placeholder verdict-placeholder--busy" data-testid="review-opening">
          Opening the artifact…
        </div>
      )}
    </section>
  );
}
