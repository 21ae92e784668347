import type { ReleaseState, ReleasesOverview } from '../../../shared/releases';
import { loadProject } from '../../core/project/index';
import { listReleases } from '../../core/releases/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { safeForTerminal } from '../terminalText';

export const statusUsage =
  'countersign status --project FILE [--json]\n' +
  '  Every release (tag) of the project, newest first, each release candidate under its final\n' +
  '  release: how far it got (tag verified, rebuilt, compared, reviewed, promoted, verified) and\n' +
  '  the step to continue with. Reads only; exit 0.';

const day = (at: string) => at.slice(0, 10);

/** The six steps of one release as short phrases, each saying what is done or what is not. */
function stepPhrases(state: ReleaseState): string[] {
  const { tagVerified, rebuilt, compared, reviewed, promoted, verified } = state;
  const counts = compared
    ? [
        `${compared.identical} identical`,
        compared.differ > 0
          ? `${compared.differ} ${compared.differ === 1 ? 'differs' : 'differ'}`
          : '',
        compared.onlyCi > 0 ? `⚠ ${compared.onlyCi} only in CI` : '',
        compared.onlyLocal > 0 ? `${compared.onlyLocal} only in the rebuild` : '',
      ].filter(Boolean)
    : [];
  return [
    tagVerified ? 'tag verified ✓' : 'tag not verified',
    !rebuilt
      ? 'not rebuilt'
      : rebuilt.reproducible === null
        ? 'rebuilt'
        : `rebuilt (${rebuilt.reproducible ? 'reproducible' : 'NOT reproducible'})`,
    compared ? `compared: ${counts.join(', ')}` : 'not compared',
    !reviewed
      ? 'not reviewed'
      : reviewed.total === 0
        ? 'nothing to review'
        : `reviewed ${reviewed.decided}/${reviewed.total}`,
    promoted ? `promoted ${day(promoted.at)} to ${safeForTerminal(promoted.to)}` : 'not promoted',
    !verified
      ? 'not verified'
      : `${verified.passed ? 'verified' : 'verification FAILED'} ${day(verified.at)}`,
  ];
}

/**
 * The overview as a person reads it: one line per release, its columns
 * aligned, a release candidate indented under its final release, and a
 * notice on its own line below. Text from git or disk is made safe to print.
 */
export function statusText(overview: ReleasesOverview): string {
  const header = `${safeForTerminal(overview.project.name)}: ${overview.releases.length} ${overview.releases.length === 1 ? 'release' : 'releases'}`;
  if (overview.releases.length === 0) return `${header} (the repository has no tags yet)`;
  const tags = new Set(overview.releases.map(({ tag }) => tag));
  const rows = overview.releases.map((state) => {
    const indent = state.candidateOf !== null && tags.has(state.candidateOf) ? '  ' : '';
    return {
      cells: [`${indent}${safeForTerminal(state.tag)}`, ...stepPhrases(state)],
      next: state.next ?? '—',
      notice: state.notice,
    };
  });
  const widths = rows[0]?.cells.map((_, column) =>
    Math.max(...rows.map(({ cells }) => cells[column]?.length ?? 0)),
  );
  const lines = rows.flatMap(({ cells, next, notice }) => [
    `${cells[0]?.padEnd(widths?.[0] ?? 0)}  ${cells
      .slice(1)
      .map((cell, column) => cell.padEnd(widths?.[column + 1] ?? 0))
      .join(' · ')}  → next: ${next}`,
    ...(notice ? [`    ! ${safeForTerminal(notice)}`] : []),
  ]);
  return [header, '', ...lines].join('\n');
}

/** `countersign status`: every release of a project and how far it got. */
export async function statusCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    { project: { type: 'string' }, json: { type: 'boolean' } },
    statusUsage,
  );
  const project = await loadProject(requireOption(values.project, 'project', statusUsage));
  const overview = await listReleases(project);
  process.stdout.write(
    values.json ? `${JSON.stringify(overview, null, 2)}\n` : `${statusText(overview)}\n`,
  );
  return EXIT.ok;
}
