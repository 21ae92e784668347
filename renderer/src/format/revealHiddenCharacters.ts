// Bidirectional overrides and isolates, zero-width characters, other format
// characters and C0/C1 controls (except tab and line feed). They can make a
// user ID or tag message display differently from what it contains.
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/**
 * Text from the engine (tag messages, user IDs, names) comes from whoever made
 * the tag or key. React already renders it as text, never markup; this also
 * makes invisible and direction-changing characters visible as ⟨U+XXXX⟩, so
 * "Dana Maintainer" cannot be faked with a right-to-left override.
 */
export function revealHiddenCharacters(text: string): string {
  return text.replace(HIDDEN, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}
