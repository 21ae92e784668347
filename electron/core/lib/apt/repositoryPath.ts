import { CountersignError } from '../../../../shared/errors';
import { quoted } from './hostileText';

/**
 * Splits a path read from a repository (a Release entry, a Packages
 * `Filename`, a suite or component name) into segments that stay below the
 * repository root. Anything that could climb out or be read two ways is
 * refused: `..`, absolute paths, empty or `.` segments, backslashes, control
 * characters. `what` says where the path came from, for the message.
 */
export function safeRelativePath(path: string, what: string): string[] {
  const segments = path.split('/');
  const bad =
    path.length === 0 ||
    path.length > 4096 ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\\]/.test(path) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad) {
    throw new CountersignError(
      'INVALID_REPOSITORY',
      `${what} names the path ${quoted(path)}, which does not stay inside the repository.`,
      'A repository never refers outside its own folder; this one is damaged or hostile. Do not use it; tell its owner.',
    );
  }
  return segments;
}
