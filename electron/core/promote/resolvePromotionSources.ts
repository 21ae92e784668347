import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../shared/errors';
import { tagNameSchema } from '../../../shared/tags';
import { readReleaseKey } from '../lib/openpgp/index';
import { readKeyringFile } from '../lib/openpgp/readKeyringFile';
import { releaseFolder } from '../lib/project/releaseFolder';
import { loadProject, type LoadedProject } from '../lib/project/projectStore';
import { tagOfFolder } from '../lib/project/tagFolder';
import { recordedTagGate } from '../lib/reviewFolder/tagGate';
import {
  aptProdRootOf,
  projectPromotionSources,
  projectReleaseKey,
  projectWithdrawalSources,
} from './projectPromotion';
import type { ProdSettings, PromotionSources, WithdrawalSources } from './promotionSources';

/**
 * A promotion as a script describes it: a project, explicit places and keys,
 * or both (explicit ones win). Every field is optional; what is missing is
 * refused with the option to give.
 */
export interface PromotionOptions {
  projectFile?: string;
  tag?: string;
  reviewDir?: string;
  /** apt-test's root: a folder, a URL, or either after "apt:". */
  from?: string;
  /** apt-prod's folder. */
  to?: string;
  /** The release key file (armored, encrypted), instead of the project's. */
  keyFile?: string;
  allowUnprotectedKey?: boolean;
  /** Keyring files apt-test's Release may be signed by, besides the project's. */
  aptKeyFiles?: string[];
  suite?: string;
  codename?: string;
  origin?: string;
  label?: string;
  validDays?: number;
  /** apt-prod as its users know it, named in the attestations. */
  resourceUri?: string;
}

function refused(message: string): CountersignError {
  return new CountersignError('INVALID_REQUEST', message);
}

/** Reads a release key file with the same checks as an import. */
async function releaseKeyFromFile(file: string, allowUnprotected: boolean, date: Date) {
  let armored: string;
  try {
    armored = await readFile(file, 'utf8');
  } catch {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The release key file ${JSON.stringify(file)} cannot be read.`,
    );
  }
  return readReleaseKey(armored, { allowUnprotected, date });
}

async function keysFromFiles(files: string[] | undefined): Promise<openpgp.PublicKey[]> {
  return (await Promise.all((files ?? []).map(readKeyringFile))).flat();
}

/** The tag: given, or the one the review folder is named by (`tagOfFolder` refuses any other name). */
function tagOf(options: PromotionOptions): string | null {
  if (options.tag === undefined && options.reviewDir) {
    return tagOfFolder(basename(resolve(options.reviewDir)));
  }
  const parsed = tagNameSchema.safeParse(options.tag);
  return parsed.success ? parsed.data : null;
}

/** The review folder: given, else the project's folder for the tag. */
async function reviewDirOf(
  options: PromotionOptions,
  project: LoadedProject | null,
  tag: string,
): Promise<string> {
  if (options.reviewDir) return resolve(options.reviewDir);
  if (project) return releaseFolder(project, tag);
  throw refused('--review DIR is required.');
}

/** apt-prod's Release fields: explicit options over the project's. */
function prodSettingsOf(options: PromotionOptions, base: ProdSettings | undefined): ProdSettings {
  const to = options.to ?? base?.root;
  if (!to) throw refused('--to APT_PROD_DIR is required.');
  const url = options.resourceUri ?? base?.url;
  if (url !== undefined && !URL.canParse(url)) {
    throw refused('--resource-uri takes an absolute URI, such as https://apt.example.org/.');
  }
  const suite = options.suite ?? base?.suite;
  const codename = options.codename ?? base?.codename;
  const validDays = options.validDays ?? base?.validDays;
  return {
    root: resolve(to),
    ...(suite ? { suite } : {}),
    ...(codename ? { codename } : {}),
    origin: options.origin ?? base?.origin ?? 'Countersign',
    label: options.label ?? base?.label ?? 'Countersign',
    ...(validDays ? { validDays } : {}),
    acquireByHash: base?.acquireByHash ?? true,
    ...(url ? { url } : {}),
  };
}

/** The release key: --key FILE, else the project's. */
function releaseKeyOf(
  options: PromotionOptions,
  project: LoadedProject | null,
): PromotionSources['releaseKey'] {
  const keyFile = options.keyFile;
  if (!keyFile && !project?.config.releaseKey) throw refused('--key FILE is required.');
  return (date) =>
    keyFile
      ? releaseKeyFromFile(keyFile, options.allowUnprotectedKey ?? false, date)
      : projectReleaseKey(project as LoadedProject, date);
}

/**
 * Where everything comes from: the project when given (its apt-test, apt-prod,
 * release key, and a tag verified now), overridden by explicit options; else
 * the options alone, with the tag's verification as the audit log recorded it.
 */
export async function resolvePromotionSources(
  options: PromotionOptions,
): Promise<PromotionSources> {
  const project = options.projectFile ? await loadProject(options.projectFile) : null;
  const tag = tagOf(options);
  if (!tag) throw refused('Give --review DIR (its folder name is the tag) or --tag NAME.');
  const base = project ? await projectPromotionSources(project, tag).catch(() => null) : null;
  const reviewDir = await reviewDirOf(options, project, tag);
  const from = options.from?.replace(/^apt:/, '') ?? base?.aptTest.root;
  if (!from) throw refused('--from APT_TEST is required.');
  const aptProd = prodSettingsOf(options, base?.aptProd);
  const aptKeys = [...(base?.aptTest.keys ?? []), ...(await keysFromFiles(options.aptKeyFiles))];
  if (aptKeys.length === 0) {
    throw refused("apt-test's Release must be checked: give --apt-key FILE (or --project).");
  }
  return {
    tag,
    reviewDir,
    aptTest: {
      root: /^https?:\/\//i.test(from) ? from : resolve(from),
      keys: aptKeys,
      selection: base?.aptTest.selection ?? {},
    },
    aptProd,
    tagGate: base
      ? base.tagGate
      : (rebuiltCommit) => recordedTagGate(reviewDir, tag, rebuiltCommit),
    releaseKey: releaseKeyOf(options, project),
    // The project's review policy binds however the rest is given.
    ...(project?.reviewPolicy
      ? { review: { projectId: project.id, policy: project.reviewPolicy } }
      : {}),
  };
}

/**
 * What a withdrawal reads, from the same options as a promotion: apt-prod,
 * the release key and the review folder it is recorded in (no apt-test).
 */
export async function resolveWithdrawal(options: PromotionOptions): Promise<WithdrawalSources> {
  const project = options.projectFile ? await loadProject(options.projectFile) : null;
  const tag = tagOf(options);
  if (!tag) throw refused('Give --review DIR (its folder name is the tag) or --tag NAME.');
  const base = project ? await projectWithdrawalSources(project, tag).catch(() => null) : null;
  return {
    tag,
    reviewDir: await reviewDirOf(options, project, tag),
    aptProd: prodSettingsOf(options, base?.aptProd),
    releaseKey: releaseKeyOf(options, project),
  };
}

/** apt-prod's folder and the review folder a rollback is recorded in, from the same options. */
export async function resolveRollback(
  options: PromotionOptions,
): Promise<{ aptProd: string; reviewDir: string }> {
  const project = options.projectFile ? await loadProject(options.projectFile) : null;
  const tag = tagOf(options);
  const to = options.to ?? (project ? aptProdRootOf(project) : undefined);
  const reviewDir = options.reviewDir
    ? resolve(options.reviewDir)
    : project && tag
      ? await releaseFolder(project, tag)
      : undefined;
  if (!to || !reviewDir || !tag) {
    throw refused('--rollback needs --to and --review (or --project and --tag).');
  }
  return { aptProd: resolve(to), reviewDir };
}
