import { formatUtc } from '../format/dateTime';

/** An instant shown in UTC, with the machine-readable value kept in the element. */
export function DateTime({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatUtc(iso)}</time>;
}
