import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { tagNameSchema } from '../../../shared/tags';
import { reviewFolder } from '../../core/lib/project/countersignHome';
import { loadProject } from '../../core/lib/project/projectStore';
import { rebuildVerifiedTag } from '../../core/rebuild/rebuildService';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';
import { interruptSignal, terminalReporter } from '../terminalReporter';

export const rebuildUsage =
  'countersign rebuild --project FILE --tag NAME [--out DIR] [--check-reproducible] [--json]';

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
  const interrupt = interruptSignal();
  try {
    const result = await rebuildVerifiedTag(
      project,
      tag.data,
      values['check-reproducible'] ?? false,
      terminalReporter(interrupt.signal),
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
    interrupt.release();
  }
}
