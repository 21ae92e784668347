import { revealHiddenCharacters } from '../format/revealHiddenCharacters';

/**
 * Shows text that came from outside (a tag, a key) as plain React text, with
 * hidden characters made visible and isolated from the surrounding direction.
 */
export function UntrustedText({ text }: { text: string }) {
  return <bdi className="untrusted-text">{revealHiddenCharacters(text)}</bdi>;
}
