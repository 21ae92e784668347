import { CountersignError } from '../../../shared/errors';
import { tagNameSchema } from '../../../shared/tags';
import { rebuildProjectTag } from '../../core/rebuild/index';
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
  const interrupt = interruptSignal();
  try {
    const result = await rebuildProjectTag(
      values.project,
      tag.data,
      {
        checkReproducible: values['check-reproducible'] ?? false,
        ...(values.out ? { outDir: values.out } : {}),
      },
      terminalReporter(interrupt.signal),
    );
    const { buildInfo, outDir } = result.reference;
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
