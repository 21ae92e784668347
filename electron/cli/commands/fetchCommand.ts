import { fetchProjectTags } from '../../core/setup/index';
import { loadProject } from '../../core/project/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { terminalReporter } from '../terminalReporter';
import { safeForTerminal } from '../terminalText';

export const fetchUsage =
  'countersign fetch --project FILE [--json]\n' +
  '  Re-fetches the tags of a project whose source is a URL into its mirror, and says which are new.\n' +
  '  A tag the mirror already holds is never moved.';

/** `countersign fetch`: new tags from a mirrored source. */
export async function fetchCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    { project: { type: 'string' }, json: { type: 'boolean' } },
    fetchUsage,
  );
  const project = await loadProject(requireOption(values.project, 'project', fetchUsage));
  const result = await fetchProjectTags(project, terminalReporter());
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.newTags.length === 0) {
    process.stdout.write(
      `No new tags from ${safeForTerminal(result.source)} (${result.tags} in all).\n`,
    );
  } else {
    process.stdout.write(
      `${result.newTags.length} new tag${result.newTags.length === 1 ? '' : 's'} from ${safeForTerminal(result.source)}: ${result.newTags.map(safeForTerminal).join(', ')}\n`,
    );
  }
  for (const tag of result.movedTags) {
    process.stdout.write(
      `The remote moved the tag ${safeForTerminal(tag)}: this mirror keeps the tag it had. A released tag that changes is worth asking the maintainers about.\n`,
    );
  }
  return EXIT.ok;
}
