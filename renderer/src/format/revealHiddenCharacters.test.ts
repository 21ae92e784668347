import { describe, expect, it } from 'vitest';
import { revealHiddenCharacters } from './revealHiddenCharacters';

describe('revealHiddenCharacters', () => {
  it('shows a right-to-left override that would disguise a user ID', () => {
    expect(revealHiddenCharacters('Dana \u202Egro.elpmaxe@anad')).toBe(
      'Dana ⟨U+202E⟩gro.elpmaxe@anad',
    );
  });

  it('shows zero-width and control characters but keeps newlines and tabs', () => {
    expect(revealHiddenCharacters('a\u200Bb\u0007c\n\td\r')).toBe(
      'a⟨U+200B⟩b⟨U+0007⟩c\n\td⟨U+000D⟩',
    );
  });

  it('leaves ordinary text, accents and other scripts alone', () => {
    const text = 'Zoë Ångström — 张伟 <zoe@example.org>';
    expect(revealHiddenCharacters(text)).toBe(text);
  });
});
