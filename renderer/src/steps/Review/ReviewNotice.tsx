/** A notice said once: its words, and a count that changes each time it is said. */
export interface Notice {
  text: string;
  count: number;
}

/**
 * What the step says when a key had nowhere to go ("Last difference", "No
 * undecided difference left"): shown beside the tree and read out politely.
 * The live region is always there, so a screen reader hears what lands in it.
 */
export function ReviewNotice({ notice }: { notice: Notice | null }) {
  return (
    <p
      className="review-notice"
      role="status"
      aria-live="polite"
      data-testid="review-announcement"
      data-notice={notice ? notice.text : undefined}
    >
      {/* A new key per notice, so the same words said twice are said again. */}
      {notice ? <span key={notice.count}>{notice.text}</span> : null}
    </p>
  );
}
