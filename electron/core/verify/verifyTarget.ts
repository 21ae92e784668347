import { open } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../shared/errors';
import {
  repositoryRootProblem,
  VERIFY_KEYRING_TEXT_MAX,
  type VerifyKeyring,
  type VerifyRepoRequest,
} from '../../../shared/verify';
import { openRepositoryLocation } from '../lib/apt/repositoryLocation';
import { fingerprintOf } from '../lib/openpgp/keyFacts';
import { keyBytesFromText, readKeyring } from '../lib/openpgp/readKeyring';
import { refuseSecretKey } from '../lib/openpgp/secretKeyGuard';
import type { LoadedProject } from '../lib/project/projectStore';
import { releaseFolder } from '../lib/project/releaseFolder';
import { aptProdRootOf } from '../promote/index';

/** What one verification reads, resolved from QA's request and the project's defaults. */
export interface VerifyTarget {
  root: string;
  keys: openpgp.PublicKey[];
  suite?: string;
  reviewDir?: string;
  /** Where the keys came from, for the job's log: "the release key's public part", a file… */
  keysFrom: string;
}

const isUrl = (root: string) => /^https?:\/\//i.test(root);
const inProject = (project: LoadedProject, path: string) =>
  isAbsolute(path) ? path : resolve(dirname(project.file), path);

/** The repository asked for, else apt-prod as its users reach it: its public URL, else its folder. */
function repositoryRoot(project: LoadedProject, repo: string | undefined): string {
  if (repo !== undefined) {
    const root = repo.trim();
    const problem = repositoryRootProblem(root);
    if (problem) throw new CountersignError('INVALID_REQUEST', `The repository ${problem}.`);
    return isUrl(root) ? root : inProject(project, root);
  }
  if (!project.config.aptProd) {
    throw new CountersignError(
      'NO_APT_PROD',
      `The project ${project.config.name} names no apt-prod, so there is no repository to verify by default.`,
      'Give the repository to verify: its http(s) URL or its folder.',
    );
  }
  return project.config.aptProd.url ?? aptProdRootOf(project);
}

/**
 * The public part of the project's stored release key. The stored file holds
 * the public key beside the encrypted secret one, so no passphrase is needed;
 * its policy (expiry, strength) is not judged here: the signatures are, at
 * the time they were made, by the verification itself.
 */
export async function releasePublicKey(project: LoadedProject): Promise<openpgp.PublicKey> {
  const pinned = project.config.releaseKey;
  if (!pinned) {
    throw new CountersignError(
      'NO_RELEASE_KEY',
      'This project has no release key, so there is no key to check the signatures against: give the public key the repository is signed by.',
      'Paste its armored public key (gpg --export --armor FINGERPRINT), or name a keyring file on this machine.',
    );
  }
  const file = inProject(project, pinned.file);
  const bytes = await readLimited(file).catch(() => {
    throw new CountersignError(
      'RELEASE_KEY_MISSING',
      `The project's release key cannot be read from ${file}.`,
      'Give the public key the repository is signed by instead, or import the release key again.',
    );
  });
  const keys = await readKeyring(bytes, "The project's release key");
  const key = keys.find((candidate) => fingerprintOf(candidate) === pinned.fingerprint);
  if (!key) {
    throw new CountersignError(
      'RELEASE_KEY_PIN_MISMATCH',
      `The stored release key is not the key ${pinned.fingerprint} the project pinned.`,
      'The key file was replaced or tampered with. Import the release key again, or give the public key to verify with.',
    );
  }
  return key;
}

/** A key file's bytes, at most the keyring limit; never a device or a folder. */
async function readLimited(file: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new CountersignError(
      'INVALID_KEYRING',
      `The keyring file ${JSON.stringify(file)} cannot be read.`,
      'Name a keyring file on this machine (armored or binary OpenPGP), or paste the public key.',
    );
  }
  try {
    const facts = await handle.stat();
    if (!facts.isFile()) {
      throw new CountersignError(
        'INVALID_KEYRING',
        `${JSON.stringify(file)} is not a file, so it is not a keyring.`,
      );
    }
    if (facts.size > VERIFY_KEYRING_TEXT_MAX) {
      throw new CountersignError(
        'INVALID_KEYRING',
        `The keyring file ${JSON.stringify(file)} is larger than 1 MiB, far larger than a public keyring.`,
      );
    }
    const bytes = new Uint8Array(facts.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** The keys QA gave: a secret key is refused, never reduced to its public part. */
async function givenKeys(project: LoadedProject, keyring: VerifyKeyring) {
  if (keyring.kind === 'armored') {
    if (keyring.text.length > VERIFY_KEYRING_TEXT_MAX) {
      throw new CountersignError(
        'INVALID_KEYRING',
        'A keyring of more than 1 MiB is not a public key.',
      );
    }
    const bytes = keyBytesFromText(keyring.text.trim());
    refuseSecretKey(bytes, 'The key pasted as the keyring');
    return { keys: await readKeyring(bytes, 'The key pasted'), from: 'the key pasted' };
  }
  const file = inProject(project, keyring.path.trim());
  const bytes = await readLimited(file);
  refuseSecretKey(bytes, `The keyring file ${JSON.stringify(file)}`);
  return {
    keys: await readKeyring(bytes, `The keyring file ${JSON.stringify(file)}`),
    from: `the keyring file ${file}`,
  };
}

/**
 * Over HTTP suites cannot be listed: without one named, the suite the
 * project's apt-prod folder serves, when it serves exactly one.
 */
async function defaultSuite(project: LoadedProject, root: string): Promise<string | undefined> {
  if (!isUrl(root) || !project.config.aptProd) return undefined;
  const configured = project.config.aptProd.suite ?? project.config.aptProd.codename;
  if (configured) return configured;
  try {
    const suites = await openRepositoryLocation(aptProdRootOf(project)).listSuites();
    return suites?.length === 1 ? suites[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves QA's request against the project: which repository, which keys,
 * which suite, and (with a tag) which review folder. Everything a person
 * typed is checked again here, whatever the transport already validated.
 */
export async function resolveVerifyTarget(
  project: LoadedProject,
  request: VerifyRepoRequest,
): Promise<VerifyTarget> {
  const root = repositoryRoot(project, request.repo);
  const given = request.keyring ? await givenKeys(project, request.keyring) : null;
  const keys = given ? given.keys : [await releasePublicKey(project)];
  const suite = request.suite ?? (await defaultSuite(project, root));
  return {
    root,
    keys,
    keysFrom: given ? given.from : "the release key's public part",
    ...(suite !== undefined ? { suite } : {}),
    ...(request.tag !== undefined ? { reviewDir: await releaseFolder(project, request.tag) } : {}),
  };
}
