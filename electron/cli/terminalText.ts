// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes hostile text (tag messages, user IDs) safe to print on a terminal:
 * control characters, including ANSI escapes that could rewrite the screen or
 * fake a verdict, are shown as visible escapes.
 */
export function safeForTerminal(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "ABCD1234…" → "ABCD 1234 …", the way people read fingerprints aloud. */
export function groupFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}
