import { Sha } from '../../components/Sha';
import { CopyButton } from './CopyButton';

/** Hex digits shown before the hash is opened: enough to tell packages apart at a glance. */
export const SHORT_SHA_LENGTH = 12;

/**
 * A SHA-256 shortened in a table, opened in full (selectable, copiable) with
 * Enter or a click on it; the full value also rides in data-sha256.
 */
export function ShortSha({ value, of, testId }: { value: string; of: string; testId?: string }) {
  return (
    <details className="short-sha" data-testid={testId} data-sha256={value}>
      <summary
        className="short-sha__summary"
        aria-label={`SHA-256 of ${of}: ${value.slice(0, SHORT_SHA_LENGTH)}…, show in full`}
      >
        <code>{value.slice(0, SHORT_SHA_LENGTH)}…</code>
      </summary>
      <span className="short-sha__full">
        <Sha value={value} />
        <CopyButton text={value} label={`Copy the SHA-256 of ${of}`} />
      </span>
    </details>
  );
}
