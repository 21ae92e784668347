import type { Ref } from 'react';
import type { ArtifactReview, Decision, DifferenceNode } from '../../../../shared/review';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { DecisionPanel } from './DecisionPanel';
import { DiffViewer } from './DiffViewer';
import { differenceStatus, ID_SEPARATOR, lastName, nodeLabel } from './differenceTree';
import { STATUS_ICON, STATUS_LABEL } from './reviewText';

/** Where a node sits: the names from the artifact down, as text. */
function NodePath({ id }: { id: string }) {
  const names = id.split(ID_SEPARATOR);
  return (
    <ol className="review-detail__path" aria-label="Where it is" data-testid="review-detail-path">
      {names.map((name, index) => (
        <li key={index}>
          <UntrustedText text={name} />
        </li>
      ))}
    </ol>
  );
}

interface NodeDetailProps {
  review: ArtifactReview;
  node: DifferenceNode;
  intent: Decision | null;
  onIntent: (intent: Decision | null) => void;
  commentRef: Ref<HTMLTextAreaElement>;
  onSelect: (id: string) => void;
  onDone: () => void;
}

function NodeDetail({
  review,
  node,
  intent,
  onIntent,
  commentRef,
  onSelect,
  onDone,
}: NodeDetailProps) {
  const status = differenceStatus(node, review.decisions);
  const explained = node.explainedBy !== null;
  return (
    <>
      <div className="review-detail__header">
        <h3 className="review-detail__title" data-testid="review-detail-title">
          <UntrustedText text={nodeLabel(node)} />
        </h3>
        {status ? (
          <span
            className={`status-label review-status--${status}`}
            data-testid="review-detail-status"
            data-status={status}
          >
            <span aria-hidden="true">{explained ? '↳' : STATUS_ICON[status]}</span>{' '}
            {explained ? `${STATUS_LABEL[status]} (follows)` : STATUS_LABEL[status]}
          </span>
        ) : null}
      </div>
      <NodePath id={node.id} />
      {node.comments.length > 0 ? (
        <ul className="review-detail__comments" data-testid="review-detail-comments">
          {node.comments.map((comment, index) => (
            <li key={index}>
              <UntrustedText text={comment} />
            </li>
          ))}
        </ul>
      ) : null}
      {node.explainedBy !== null ? (
        <div className="review-detail__explained" data-testid="review-explained">
          <p>
            Countersign proved this difference follows from{' '}
            {node.explainedBy.length === 1 ? 'another difference' : 'other differences'}: it is
            decided with {node.explainedBy.length === 1 ? 'it' : 'them'}.
          </p>
          <ul>
            {node.explainedBy.map((id) => (
              <li key={id}>
                <button type="button" className="button button--quiet" onClick={() => onSelect(id)}>
                  <UntrustedText text={lastName(id)} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <DecisionPanel
          node={node}
          decision={review.decisions[node.id]}
          intent={intent}
          onIntent={onIntent}
          commentRef={commentRef}
          onDone={onDone}
        />
      )}
      {node.diffLines > 0 ? (
        <DiffViewer id={node.id} expectedLines={node.diffLines} />
      ) : (
        <p className="review-detail__no-diff" data-testid="review-no-diff">
          diffoscope gives no line diff here (binary or metadata only): its comments above say what
          differs.
        </p>
      )}
    </>
  );
}

interface DifferenceDetailProps extends Omit<NodeDetailProps, 'node'> {
  selectedId: string | null;
}

/** The selected difference: where it is, what diffoscope said, its decision and its diff. */
export function DifferenceDetail(props: DifferenceDetailProps) {
  const { review, selectedId } = props;
  const ready = review.report.state === 'ready';
  const node = ready ? review.nodes.find((candidate) => candidate.id === selectedId) : undefined;
  const member = ready
    ? undefined
    : review.members.find((candidate) => candidate.id === selectedId);

  let body;
  if (node) {
    // Keyed by the node: a comment typed for one difference never stays for the next.
    body = <NodeDetail key={node.id} {...props} node={node} />;
  } else if (member) {
    body = (
      <>
        <div className="review-detail__header">
          <h3 className="review-detail__title" data-testid="review-detail-title">
            <UntrustedText text={member.path} />
          </h3>
        </div>
        <NodePath id={member.id} />
        <p className="review-detail__sizes">
          {member.status === 'differs'
            ? `Both copies hold it with different bytes${member.ciSize !== null && member.localSize !== null ? ` (${formatByteSize(member.ciSize)} in CI’s, ${formatByteSize(member.localSize)} in the rebuild’s)` : ''}.`
            : member.status === 'only-ci'
              ? 'Only CI’s copy holds it.'
              : 'Only the rebuild’s copy holds it.'}
        </p>
        <p className="review-detail__provisional">
          Decisions are recorded against diffoscope’s full report, once it is ready.
        </p>
        <DiffViewer key={member.id} id={member.id} expectedLines={null} />
      </>
    );
  } else {
    body = (
      <p className="review-detail__none" data-testid="review-detail-none">
        {review.nodes.length === 0 && review.members.length === 0
          ? 'Nothing to show yet.'
          : 'Choose a difference in the tree.'}
      </p>
    );
  }
  return (
    <section className="review-detail" aria-label="Selected difference" data-testid="review-detail">
      {body}
    </section>
  );
}
