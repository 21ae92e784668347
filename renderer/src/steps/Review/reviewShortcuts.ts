/** What a key does in the Review step. */
export type ReviewCommand =
  'next' | 'previous' | 'next-unreviewed' | 'accept' | 'block' | 'comment' | 'toggle-layout';

const COMMANDS: Readonly<Record<string, ReviewCommand>> = {
  j: 'next',
  k: 'previous',
  n: 'next-unreviewed',
  a: 'accept',
  b: 'block',
  c: 'comment',
  v: 'toggle-layout',
};

/** The keys, as the help line lists them. */
export const SHORTCUT_HELP: readonly { keys: readonly string[]; action: string }[] = [
  { keys: ['j', '↓'], action: 'next difference' },
  { keys: ['k', '↑'], action: 'previous' },
  { keys: ['n'], action: 'next unreviewed' },
  { keys: ['a'], action: 'accept' },
  { keys: ['b'], action: 'block' },
  { keys: ['c'], action: 'comment' },
  { keys: ['Enter'], action: 'confirm' },
  { keys: ['Esc'], action: 'back to the tree' },
  { keys: ['v'], action: 'side by side' },
];

/**
 * The command of a key press, or null. Only bare letters count: with Ctrl,
 * Alt or Meta the key belongs to the browser or the system.
 */
export function commandForKey(key: {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}): ReviewCommand | null {
  if (key.ctrlKey || key.altKey || key.metaKey) return null;
  return COMMANDS[key.key] ?? null;
}

/** Enough of an element to tell whether typing goes into it. */
export interface FocusTarget {
  tagName: string;
  isContentEditable?: boolean;
  type?: string;
}

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'radio',
  'reset',
  'submit',
  'range',
  'color',
]);

/** Whether keys typed now go into a field, where letters are text, not shortcuts. */
export function isTypingTarget(target: FocusTarget | null): boolean {
  if (target === null) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  return tag === 'input' && !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}
