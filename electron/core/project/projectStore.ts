import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../shared/errors';
import { projectConfigSchema, type ProjectConfig } from '../../../shared/project';
import { writeFileAtomic } from '../fs/atomicWrite';
import { fingerprintOf } from '../signers/keyFacts';
import { readKeyring } from '../signers/readKeyring';

/** A project as loaded from project.json, with its trust list read and its pins checked. */
export interface LoadedProject {
  file: string;
  config: ProjectConfig;
  repoPath: string;
  trustedKeys: openpgp.PublicKey[];
}

/** Reads project.json; refuses a file that is not a valid project or whose keys do not match their pins. */
export async function loadProject(file: string): Promise<LoadedProject> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CountersignError(
      'PROJECT_UNREADABLE',
      `The project file ${JSON.stringify(file)} cannot be read.`,
      'Check the path, or create a sample project with: countersign demo --dir DIR',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CountersignError('INVALID_PROJECT', `${file} is not valid JSON.`);
  }
  const parsed = projectConfigSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CountersignError(
      'INVALID_PROJECT',
      `${file} is not a valid Countersign project: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}.`,
    );
  }
  const config = parsed.data;
  const trustedKeys: openpgp.PublicKey[] = [];
  for (const signer of config.trustedSigners) {
    const keys = await readKeyring(
      new Uint8Array(Buffer.from(signer.publicKey, 'utf8')),
      `The trusted key ${signer.fingerprint}`,
    );
    const key = keys.find((candidate) => fingerprintOf(candidate) === signer.fingerprint);
    if (!key || keys.length !== 1) {
      throw new CountersignError(
        'INVALID_PROJECT',
        `The trusted key stored for ${signer.fingerprint} in ${file} does not match its pinned fingerprint.`,
        'The project file was edited by hand or tampered with. Remove the signer and import the key again.',
      );
    }
    trustedKeys.push(key);
  }
  const repo = config.source.repo;
  return {
    file: path,
    config,
    repoPath: isAbsolute(repo) ? repo : resolve(dirname(path), repo),
    trustedKeys,
  };
}

export async function saveProject(file: string, config: ProjectConfig): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(projectConfigSchema.parse(config), null, 2)}\n`);
}
