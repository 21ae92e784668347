import type * as openpgp from 'openpgp';
import type { JobProgress } from '../../../shared/jobs';
import type { Deb822Paragraph } from '../lib/deb/deb822';

/** A .deb cleared for production: verified bytes on local disk, and where it goes. */
export interface PackageToPublish {
  /** Local path of the verified .deb; its bytes must still hash to `sha256`. */
  file: string;
  /** Its control paragraph (from readDebControl). */
  control: Deb822Paragraph;
  package: string;
  version: string;
  architecture: string;
  /** e.g. "main". */
  component: string;
  size: number;
  md5: string;
  sha256: string;
}

/** What apt-prod's Release says about the suite Countersign publishes to. */
export interface ProdLayout {
  suite: string;
  codename: string;
  origin: string;
  label: string;
  /** Valid-Until = Date + this; none by default. */
  validForSeconds?: number;
  /** Publish by-hash copies and say `Acquire-By-Hash: yes` (default true). */
  acquireByHash?: boolean;
}

/** Signs a Release's text: InRelease (cleartext-signed) and Release.gpg (detached, armored). */
export type ReleaseSigner = (
  releaseText: string,
) => Promise<{ inRelease: string; releaseGpg: string }>;

export type PublicationAction = 'add' | 'replace' | 'unchanged' | 'downgrade';

/** What apt-prod gains for one given package. */
export interface PublicationChange {
  action: PublicationAction;
  package: string;
  version: string;
  /** The version apt-prod served before (replace, downgrade, unchanged), else null. */
  previousVersion: string | null;
  architecture: string;
  component: string;
  sha256: string;
  size: number;
  /** Where the file is (or will be) in apt-prod, relative to its root. */
  poolPath: string;
}

/** A package apt-prod already serves and keeps serving. */
export interface KeptPackage {
  package: string;
  version: string;
  architecture: string;
  component: string;
}

export type { PublicationRefusalCode, RemovedPackage } from '../../../shared/promote';
import type { PublicationRefusalCode, RemovedPackage } from '../../../shared/promote';

/** A package to take out of the suite: every version served of it, on one architecture or all. */
export interface PackageRemoval {
  package: string;
  /** Only this architecture; every one when absent. */
  architecture?: string;
}

/** A given package apt-prod cannot take. */
export interface PublicationRefusal {
  package: string;
  version: string;
  architecture: string;
  code: PublicationRefusalCode;
  message: string;
}

/** The new Release's content, as it will be signed. */
export interface PlannedReleaseContent {
  origin: string;
  label: string;
  suite: string;
  codename: string;
  /** ISO 8601. */
  date: string;
  validUntil: string | null;
  architectures: string[];
  components: string[];
  acquireByHash: boolean;
  files: { path: string; size: number; sha256: string }[];
}

/** Everything a publication would do, computed without writing anything. */
export interface PublicationPlan {
  /** The publication apt-prod serves now; null when it serves none yet (or a dists/ from before Countersign). */
  current: string | null;
  changes: PublicationChange[];
  kept: KeptPackage[];
  /** What the `remove` option takes out of the suite. */
  removed: RemovedPackage[];
  refusals: PublicationRefusal[];
  release: PlannedReleaseContent;
}

/** What a running publication reports; a job's reporter fits. */
export interface PublishReport {
  phase(name: string, progress?: JobProgress | null): void;
  log(line: string): void;
}

/** Called before each write step; a test kills the process here to prove crash safety. */
export type Checkpoint = (name: string) => void | Promise<void>;

export interface PlanOptions {
  date: Date;
  /** Accept a version lower than the one served (normally VERSION_NOT_NEWER). */
  allowDowngrade?: boolean;
  /**
   * The keys apt-prod's Release must be signed with. When given, the served
   * InRelease must carry a valid signature by one of them before anything is
   * read from it, and the new InRelease and Release.gpg are checked before
   * the switch.
   */
  releaseKeys?: openpgp.PublicKey[];
  /**
   * Packages the suite stops serving (a withdrawal); each must match a served
   * package, else PACKAGE_NOT_FOUND. Their pool files stay while a kept
   * publication lists them, so a rollback serves them again.
   */
  remove?: readonly PackageRemoval[];
}

export interface PublishOptions extends PlanOptions {
  sign: ReleaseSigner;
  signal?: AbortSignal;
  report?: PublishReport;
  checkpoint?: Checkpoint;
  /** The release tag this publication promotes, recorded in publication.json. */
  tag?: string;
  /** Publish even when no package changes (to renew Valid-Until); by default nothing is written then. */
  republish?: boolean;
}

export interface PublicationResult {
  publicationId: string;
  previousId: string | null;
  /** SHA-256 of the new InRelease. */
  releaseSha256: string;
  changes: PublicationChange[];
  /** What it took out of the suite (the `remove` option). */
  removed: RemovedPackage[];
  /** Pool files this publication wrote, relative to apt-prod's root. */
  poolAdded: string[];
}

/** What a publication.json says. */
export interface PublicationInfo {
  id: string;
  /** The Release's Date, ISO 8601. */
  publishedAt: string;
  previous: string | null;
  tag: string | null;
  suite: string;
  /**
   * SHA-256 of the publication's InRelease for its suite (of Release for a
   * migrated suite that had no InRelease; null when it had neither).
   */
  releaseSha256: string | null;
  /** The changes it made (unchanged packages left out). */
  added: PublicationChange[];
  /** What it took out of the suite; absent in a publication.json from before withdrawals. */
  removed?: RemovedPackage[];
  poolAdded: string[];
  /** Made from a dists/ folder that predates Countersign. */
  migrated: boolean;
}

export interface PublicationHistory {
  current: PublicationInfo | null;
  /** The publication a rollback would return to, when it is still kept. */
  previous: PublicationInfo | null;
  /** Every complete publication kept on disk, newest first. */
  history: PublicationInfo[];
}
