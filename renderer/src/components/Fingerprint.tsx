import { groupFingerprint } from '../format/fingerprint';

interface FingerprintProps {
  value: string;
  testId?: string;
}

/**
 * A full fingerprint in groups of four, split in two halves as GnuPG prints it
 * (a line break may fall only between the halves), monospaced and selectable.
 * Copying gives the spaced form, which gpg accepts; the raw value rides in
 * data-fingerprint for scripts and tests.
 */
export function Fingerprint({ value, testId }: FingerprintProps) {
  const groups = groupFingerprint(value);
  const middle = Math.ceil(groups.length / 2);
  return (
    <code className="fingerprint" data-testid={testId} data-fingerprint={value}>
      <span className="fingerprint__half">{groups.slice(0, middle).join(' ')}</span>{' '}
      <span className="fingerprint__half">{groups.slice(middle).join(' ')}</span>
    </code>
  );
}
