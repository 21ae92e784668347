import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { tagNameSchema } from '../../../shared/tags';
import type { JobReporter } from '../../core/jobs/jobRegistry';
import { loadProject } from '../../core/project/projectStore';
import { VARIED_BUILD } from '../../core/rebuild/buildVariation';
import { compareRebuilds } from '../../core/rebuild/compareRebuilds';
import { rebuildRelease } from '../../core/rebuild/rebuildRelease';
import { verifyTag } from '../../core/tags/verifyTag';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';
import { safeForTerminal } from '../terminalText';
import { countersignHome } from './demoCommand';

export const rebuildUsage =
  'countersign rebuild --project FILE --tag NAME [--out DIR] [--check-reproducible] [--json]';

/** Progress on a terminal: phases always, the build log as it streams. */
function terminalReporter(label: string): JobReporter {
  const tty = process.stderr.isTTY;
  return {
    phase: (name, progress) => {
      if (tty && progress && name !== 'done') {
        process.stderr.write(`[${label} ${progress.done + 1}/${progress.total}] ${name}\n`);
      }
    },
    log: (line) => {
      if (tty) process.stderr.write(`  ${safeForTerminal(line)}\n`);
    },
  };
}

/** `countersign rebuild`: step 2 from the command line, only ever for a verified tag. */
export async function rebuildCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      project: { type: 'string' },
      tag: { type: 'string' },
      out: { type: 'string' },
      'check-reproducible': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    rebuildUsage,
  );
  if (!values.project)
    throw new CountersignError(
      'INVALID_REQUEST',
      '--project is required.',
      `Usage: ${rebuildUsage}`,
    );
  const tag = tagNameSchema.safeParse(values.tag);
  if (!tag.success)
    throw new CountersignError(
      'INVALID_REQUEST',
      '--tag is missing or invalid.',
      `Usage: ${rebuildUsage}`,
    );
  const project = await loadProject(values.project);
  const recipe = project.config.rebuild;
  if (!recipe) {
    throw new CountersignError(
      'NO_RECIPE',
      `The project ${project.config.name} has no rebuild recipe.`,
      'Add a "rebuild" section to project.json (base, preset, artifacts); see docs/architecture.md.',
    );
  }
  const verdict = await verifyTag({
    repo: project.repoPath,
    tag: tag.data,
    trustedKeys: project.trustedKeys,
  });
  if (verdict.verdict !== 'verified' || !verdict.commit) {
    const reasons = verdict.problems
      .map((problem) => `${problem.code}: ${problem.message}`)
      .join('\n  ');
    if (values.json) process.stdout.write(`${JSON.stringify({ refused: verdict }, null, 2)}\n`);
    process.stderr.write(
      `countersign rebuild: the tag ${tag.data} is not verified, so it is not rebuilt.\n  ${safeForTerminal(reasons)}\n`,
    );
    return EXIT.refused;
  }

  const outDir =
    values.out ?? join(countersignHome(), 'reviews', project.config.name, tag.data, 'rebuild');
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const base = {
      repo: project.repoPath,
      tag: tag.data,
      commit: verdict.commit,
      recipe,
      signal: controller.signal,
    };
    const reference = await rebuildRelease({
      ...base,
      outDir,
      report: terminalReporter('rebuild'),
    });
    let reproducibility = null;
    if (values['check-reproducible']) {
      const varied = await rebuildRelease({
        ...base,
        outDir: `${outDir}-varied`,
        variation: VARIED_BUILD,
        report: terminalReporter('varied rebuild'),
      });
      reproducibility = {
        ...compareRebuilds(reference.buildInfo.artifacts, varied.buildInfo.artifacts),
        variedOutDir: varied.outDir,
      };
    }
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ outDir, artifacts: reference.buildInfo.artifacts, buildInfo: reference.buildInfo, reproducibility }, null, 2)}\n`,
      );
    } else {
      const lines = [`✔ rebuilt ${tag.data} (${verdict.commit}) into ${outDir}`];
      for (const artifact of reference.buildInfo.artifacts) {
        lines.push(
          `  ${artifact.sha256}  ${artifact.size.toString().padStart(9)}  ${artifact.name}`,
        );
      }
      if (reproducibility) {
        lines.push(
          reproducibility.reproducible
            ? `✔ reproducible: a second build with another path, time zone, locale, umask and hostname gave identical packages`
            : `✘ NOT reproducible: ${reproducibility.differing.join(', ')} differ between the two builds (${reproducibility.variedOutDir})`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return reproducibility && !reproducibility.reproducible ? EXIT.refused : EXIT.ok;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
}
