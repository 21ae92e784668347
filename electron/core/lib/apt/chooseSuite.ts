import { CountersignError } from '../../../../shared/errors';
import { quotedList } from './hostileText';
import type { RepositoryLocation } from './repositoryLocation';
import { safeRelativePath } from './repositoryPath';

/**
 * The suite to read, as path segments under `dists/`: the one asked for, or
 * the only one the repository has. Over HTTP there is no listing to choose
 * from, so the suite must be named there.
 */
export async function chooseSuite(
  location: RepositoryLocation,
  requested: string | undefined,
  signal?: AbortSignal,
): Promise<string[]> {
  if (requested !== undefined) return safeRelativePath(requested, 'The suite asked for');
  const suites = await location.listSuites(signal);
  if (suites === null) {
    throw new CountersignError(
      'SUITE_AMBIGUOUS',
      `The repository at ${location.display} is served over HTTP, where its suites cannot be listed; name the suite to read.`,
      '--suite NAME (the folder under dists/, e.g. the Suite or Codename in its sources.list line)',
    );
  }
  if (suites.length === 0) {
    throw new CountersignError(
      'INVALID_REPOSITORY',
      `${location.display} has no suites under dists/, so it is not the root of an apt repository.`,
      'Give the folder that holds dists/ and pool/.',
    );
  }
  if (suites.length > 1) {
    throw new CountersignError(
      'SUITE_AMBIGUOUS',
      `The repository at ${location.display} has ${suites.length} suites: ${quotedList(suites)}. Choose which one to read.`,
      '--suite NAME',
    );
  }
  return safeRelativePath(suites[0] ?? '', 'The folder under dists/');
}
