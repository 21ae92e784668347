/** Splits a fingerprint into groups of four hex digits, the way people read them aloud. */
export function groupFingerprint(fingerprint: string): string[] {
  const compact = fingerprint.replace(/\s+/g, '').toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += 4) groups.push(compact.slice(i, i + 4));
  return groups;
}
