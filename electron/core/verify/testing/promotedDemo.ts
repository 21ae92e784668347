import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { comparedDemo, type ComparedDemo } from '../../../testing/comparedDemo';

/** The demo release compared, its differing package accepted, and promoted into apt-prod. */
export interface PromotedDemo extends ComparedDemo {
  /** The release key's public half: what apt-prod must be signed by. */
  releasePublicKey: openpgp.PublicKey;
}

/**
 * Steps 1 to 5 on the demo: rebuilt and compared (comparedDemo), the
 * differing package's differences accepted, and the release promoted with
 * the demo's encrypted release key.
 */
export async function promotedDemo(tag: string, name: string): Promise<PromotedDemo> {
  const compared = await comparedDemo(tag, name);
  const { core, demo } = compared;
  const doc = (await core.api['promote:plan']({ tag })).candidates.find(
    (candidate) => candidate.package === 'countersign-hello-doc',
  );
  if (!doc) throw new Error('the demo has no countersign-hello-doc to review');
  await core.api['review:runReport']({ tag, key: doc.key });
  await core.api['review:decide']({
    tag,
    key: doc.key,
    decision: 'accepted',
    comment: "CI's build clock; the rebuild stamps SOURCE_DATE_EPOCH",
    rule: { by: 'path', pattern: '**' },
  });
  const plan = await core.api['promote:plan']({ tag });
  await core.api['promote:run']({
    tag,
    passphrase: demo.releaseKey.passphrase,
    planDigest: plan.planDigest,
  });
  const armoredKey = await readFile(join(demo.dir, demo.releaseKey.file), 'utf8');
  const releasePublicKey = (await openpgp.readPrivateKey({ armoredKey })).toPublic();
  return { ...compared, releasePublicKey };
}

/** Copies a folder as it is (cp -a keeps apt-prod's dists/ a link into the copy's .countersign/). */
export function copyFolder(from: string, to: string): string {
  const result = spawnSync('cp', ['-a', from, to]);
  if (result.status !== 0) throw new Error(`cp failed: ${String(result.stderr)}`);
  return to;
}

/** Changes one byte of a file, at the first occurrence of `near`. */
export async function flipByte(path: string, near: string): Promise<void> {
  const bytes = await readFile(path);
  const at = bytes.indexOf(near);
  if (at < 0) throw new Error(`${near} not in ${path}`);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  await writeFile(path, bytes);
}

/** Every file under a folder, as full paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
