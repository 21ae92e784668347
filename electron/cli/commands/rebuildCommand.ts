import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { tagNameSchema } from '../../../shared/tags';
import type { JobReporter } from '../../core/jobs/jobRegistry';
import { reviewFolder } from '../../core/project/countersignHome';
import { loadProject } from '../../core/project/projectStore';
import { rebuildVerifiedTag } from '../../core/rebuild/rebuildService';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';
import { safeForTerminal } from '../terminalText';

export const rebuildUsage =
  'countersign rebuild --project FILE --tag NAME [--out DIR] [--check-reproducible] [--json]';

/** Progress on a terminal: phases always, the build log as it streams. */
function terminalReporter(): JobReporter {
  const tty = process.stderr.isTTY;
  return {
    phase: (name, progress) => {
      if (tty && progress && name !== 'done') {
        process.stderr.write(`[${progress.done + 1}/${progress.total}] ${name}\n`);
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
  const outDir = values.out ?? join(reviewFolder(project.config.name, tag.data), 'rebuild');
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const result = await rebuildVerifiedTag(
      project,
      tag.data,
      values['check-reproducible'] ?? false,
      { ...terminalReporter(), signal: controller.signal },
      outDir,
    );
    const { buildInfo } = result.reference;
    const reproducibility = result.reproducibility && {
      ...result.reproducibility,
      variedOutDir: result.varied?.outDir ?? null,
    };
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ outDir, artifacts: buildInfo.artifacts, buildInfo, reproducibility }, null, 2)}\n`,
      );
    } else {
      const lines = [`✔ rebuilt ${tag.data} (${buildInfo.commit}) into ${outDir}`];
      for (const artifact of buildInfo.artifacts) {
        lines.push(
          `  ${artifact.sha256}  ${artifact.size.toString().padStart(9)}  ${artifact.name}`,
        );
      }
      if (reproducibility) {
        lines.push(
          reproducibility.reproducible
            ? `✔ reproducible: a second build with another path, time zone, locale, umask and hostname gave identical packages`
            : `✘ NOT reproducible: ${reproducibility.differing.join(', ')} differ between the two builds (${reproducibility.variedOutDir ?? ''})`,
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
