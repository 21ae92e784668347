import { CountersignError } from '../../../../../shared/errors';

/** The two tar archives inside a .deb whose members are listed. */
export const DEB_CONTAINERS = ['control.tar', 'data.tar'] as const;
export type DebContainer = (typeof DEB_CONTAINERS)[number];

const SEPARATOR = ' ▸ ';

/** "data.tar ▸ ./usr/bin/x": the container, then the member's name exactly as the tar holds it. */
export function memberIdOf(container: DebContainer, path: string): string {
  return `${container}${SEPARATOR}${path}`;
}

/**
 * Splits an id at its first separator: container names never contain one, and
 * whatever follows is the member's name, hostile text that may contain it again.
 */
export function parseMemberId(id: string): { container: DebContainer; path: string } {
  const at = id.indexOf(SEPARATOR);
  const container = DEB_CONTAINERS.find((name) => name === id.slice(0, at));
  const path = id.slice(at + SEPARATOR.length);
  if (at === -1 || container === undefined || path === '') {
    throw new CountersignError(
      'DIFFERENCE_NOT_FOUND',
      `${JSON.stringify(id)} does not name a member of a package (expected "control.tar ▸ …" or "data.tar ▸ …").`,
      'Pick the member from the list of differing members.',
    );
  }
  return { container, path };
}

/** The member is in neither package (or not where the id says). */
export function memberNotFound(id: string, where: string): CountersignError {
  return new CountersignError(
    'DIFFERENCE_NOT_FOUND',
    `${where} has no member ${JSON.stringify(id)}.`,
    'Refresh the list of differing members: the packages may have changed since it was made.',
  );
}
