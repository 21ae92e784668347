import type { Deb822Paragraph } from '../deb/deb822';
import type { SourceRelease } from './sourceOfPackage';

/** What to read from a repository; every field narrows, none widens. */
export interface AptSelection {
  /** The folder under `dists/`; by default the only one there is. */
  suite?: string;
  /** By default every component the Release lists. */
  component?: string;
  /** By default every architecture the Release lists (`all` packages are always read). */
  architecture?: string;
  /** Only these package names; each must be present but debug symbols (-dbgsym). Absent or empty: every package. */
  packages?: string[];
  /**
   * Only the binaries built from this source at this version (its Packages
   * stanza's Source field, or its own name and version where there is none):
   * one release out of a repository that holds many.
   */
  source?: SourceRelease;
}

/** One binary package as a verified Packages index describes it. */
export interface AptPackage {
  package: string;
  version: string;
  architecture: string;
  /** Relative to the repository root, checked not to climb out of it. */
  filename: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
  component: string;
  /** The whole stanza, as the index has it. */
  control: Deb822Paragraph;
}

/** One signature found on the Release, and what became of it. */
export interface SignatureReport {
  /** The issuer's key ID, upper-case hex. */
  keyId: string;
  /** The fingerprint of the (sub)key that made it, when known from the signature or a trusted key. */
  fingerprint: string | null;
  /** Whether the issuer is a trusted repository key (or a subkey it really bound). */
  trusted: boolean;
  /** Whether it counts: trusted, cryptographically good, and the key valid now. */
  valid: boolean;
  /** Why it does not count; null when it does. */
  reason: string | null;
}

/** A verified view of one suite of an apt repository. */
export interface AptRepositorySnapshot {
  root: string;
  suite: string;
  components: string[];
  architectures: string[];
  /** Primary fingerprints of trusted keys whose signature verified. */
  signedBy: string[];
  /** Every signature on the Release, as found. */
  signatures: SignatureReport[];
  /** SHA-256 of the file whose signature was verified: InRelease, or Release when signed detached. */
  releaseSha256: string;
  /** After selection, sorted by name, version, architecture. */
  packages: AptPackage[];
}
