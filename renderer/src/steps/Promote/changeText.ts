import type { PlannedChange } from '../../../../shared/promote';

export type ChangeAction = PlannedChange['action'];

/** What a change does to apt-prod, in a word: the text always travels with the glyph and colour. */
export const CHANGE_LABEL: Record<ChangeAction, string> = {
  add: 'Add',
  replace: 'Replace',
  unchanged: 'Unchanged',
  downgrade: 'Downgrade',
};

export const CHANGE_ICON: Record<ChangeAction, string> = {
  add: '+',
  replace: '↻',
  unchanged: '=',
  downgrade: '↓',
};

/** One change as a release manager reads it: "hello 0.9.0 → 1.0.0". */
export function describeChange(change: PlannedChange): string {
  const name = `${change.package} ${change.architecture}`;
  const previous = change.previousVersion ?? '(none)';
  switch (change.action) {
    case 'add':
      return `${name}: ${change.version}, new in apt-prod`;
    case 'replace':
      return `${name}: ${previous} → ${change.version}`;
    case 'downgrade':
      return `${name}: ${previous} → ${change.version}, an older version`;
    case 'unchanged':
      return `${name}: ${change.version}, already published`;
  }
}

const PHRASES: Record<ChangeAction, string> = {
  add: 'to add',
  replace: 'to replace',
  downgrade: 'to downgrade',
  unchanged: 'unchanged',
};

/** How many changes of each kind, in a fixed order: "2 to add, 1 unchanged"; "nothing" when none. */
export function countChanges(changes: readonly PlannedChange[]): string {
  const order: ChangeAction[] = ['add', 'replace', 'downgrade', 'unchanged'];
  const parts = order
    .map((action) => ({
      action,
      count: changes.filter((change) => change.action === action).length,
    }))
    .filter((part) => part.count > 0)
    .map((part) => `${part.count} ${PHRASES[part.action]}`);
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

/** The changes that write something (everything but "unchanged"). */
export function writingChanges(changes: readonly PlannedChange[]): PlannedChange[] {
  return changes.filter((change) => change.action !== 'unchanged');
}
