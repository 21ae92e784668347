import { groupFingerprint } from '../format/fingerprint';

interface FingerprintProps {
  value: string;
  testId?: string;
}

/**
 * A full fingerprint, in groups of four (a wider gap after the fifth, as GnuPG
 * prints it), monospaced and selectable; copying gives the spaced form, which
 * gpg accepts. The raw value rides in data-fingerprint for scripts and tests.
 */
export function Fingerprint({ value, testId }: FingerprintProps) {
  const groups = groupFingerprint(value);
  return (
    <code className="fingerprint" data-testid={testId} data-fingerprint={value}>
      {groups.map((group, index) => (
        <span key={index} className={index === 5 ? 'fingerprint__group fingerprint__group--half' : 'fingerprint__group'}>
          {index > 0 ? ' ' : ''}
          {group}
        </span>
      ))}
    </code>
  );
}
