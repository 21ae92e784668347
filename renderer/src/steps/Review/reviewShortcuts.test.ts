import { describe, expect, it } from 'vitest';
import { commandForKey, isTypingTarget } from './reviewShortcuts';

const press = (
  key: string,
  modifiers: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...modifiers,
});

describe('the Review step’s keys', () => {
  it('maps the bare letters and leaves everything else alone', () => {
    expect(commandForKey(press('j'))).toBe('next');
    expect(commandForKey(press('k'))).toBe('previous');
    expect(commandForKey(press('n'))).toBe('next-unreviewed');
    expect(commandForKey(press('a'))).toBe('accept');
    expect(commandForKey(press('b'))).toBe('block');
    expect(commandForKey(press('c'))).toBe('comment');
    expect(commandForKey(press('v'))).toBe('toggle-layout');
    expect(commandForKey(press('a', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(press('v', { metaKey: true }))).toBeNull();
    expect(commandForKey(press('J'))).toBeNull();
    expect(commandForKey(press('x'))).toBeNull();
  });

  it('does nothing while the user types in a field', () => {
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'number' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
