import { describe, expect, it } from 'vitest';
import { groupFingerprint, safeForTerminal } from './terminalText';

describe('safeForTerminal', () => {
  it('turns escape sequences into visible text so a tag message cannot repaint the verdict', () => {
    expect(safeForTerminal('ok\u001b[2J\u001b[1Afake')).toBe('ok\\u001b[2J\\u001b[1Afake');
  });
  it('neutralises bidirectional overrides that could reorder what is shown', () => {
    expect(safeForTerminal('abc\u202edef')).toBe('abc\\u202edef');
  });
  it('keeps ordinary text, tabs and newlines', () => {
    expect(safeForTerminal('Dana Maintainer\tok\nnext ünïcode')).toBe(
      'Dana Maintainer\tok\nnext ünïcode',
    );
  });
});

describe('groupFingerprint', () => {
  it('groups a fingerprint in fours for reading aloud', () => {
    expect(groupFingerprint('0123456789ABCDEF0123')).toBe('0123 4567 89AB CDEF 0123');
  });
});
