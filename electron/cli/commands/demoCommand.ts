import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { projectIdSchema } from '../../../shared/project';
import { countersignHome, createDemo } from '../../core/demo/index';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';

export const demoUsage = 'countersign demo [--dir DIR] [--id PROJECT_ID] [--no-ci] [--json]';

/** `countersign demo`: writes the sample release (signed tags, keys, CI's apt-test, project.json). */
export async function demoCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      dir: { type: 'string' },
      id: { type: 'string' },
      'no-ci': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    demoUsage,
  );
  const dir = values.dir ?? join(countersignHome(), 'demo');
  const log = values.json ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  if (values.id !== undefined && !projectIdSchema.safeParse(values.id).success) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `--id ${JSON.stringify(values.id)} is not a project identity.`,
      'Use lower-case letters, digits, ".", "_" or "-" (at most 64), starting with a letter or digit.',
    );
  }
  const demo = await createDemo(dir, {
    ci: !values['no-ci'],
    log,
    ...(values.id ? { id: values.id } : {}),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(demo, null, 2)}\n`);
  } else {
    process.stdout.write(
      [
        `Demo release ready in ${demo.dir}`,
        `  project      ${demo.projectFile} (identity ${demo.projectId})`,
        `  maintainer   ${demo.maintainer.userId}, key ${demo.maintainer.primary}`,
        `  tags         ${demo.tags.release} (signed), ${demo.tags.rc} (signed), ${demo.tags.untrusted} (signed by an untrusted key)`,
        demo.ci
          ? `  apt-test     ${demo.ci.repository} (signed by the CI key ${demo.ci.keyFingerprint})`
          : '  apt-test     not made (--no-ci)',
        `  apt-prod     ${demo.aptProd} (empty)`,
        `  release key  ${demo.releaseKey.fingerprint} (encrypted, ${demo.releaseKey.file})`,
        `  passphrase   ${demo.releaseKey.passphrase}   (demo only; also in ${demo.releaseKey.passphraseFile})`,
        `Try: countersign verify-tag --project ${demo.projectFile} --tag ${demo.tags.release}`,
        `     countersign rebuild --project ${demo.projectFile} --tag ${demo.tags.release}`,
        `     countersign compare --project ${demo.projectFile} --tag ${demo.tags.release}`,
        `     countersign promote --project ${demo.projectFile} --tag ${demo.tags.release} --passphrase-file ${demo.releaseKey.passphraseFile} --dry-run`,
        '',
      ].join('\n'),
    );
  }
  return EXIT.ok;
}
