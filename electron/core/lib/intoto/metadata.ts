import type { GpgPublicKey } from './gpgKey';
import type { InTotoSignature } from './signMetadata';

/**
 * in-toto v0.9 metadata as Debian's in-toto 1.3.1 reads it
 * (in_toto/models/link.py, layout.py, metadata.py). in-toto signs the
 * canonical JSON of exactly its model's fields, so every field is always
 * written, and no other: a missing one would be filled with a default and
 * an extra one dropped before verifying, and the signature would cover
 * other bytes than ours.
 */

/** Hashes of one artifact, by algorithm; we always give SHA-256 (lower-case hex). */
export interface ArtifactHashes {
  sha256: string;
}

/** Artifacts by path, as a link records its materials and products. */
export type Artifacts = Record<string, ArtifactHashes>;

/** A functionary's signed statement that it performed a step: what it used and what it produced. */
export interface Link {
  _type: 'link';
  name: string;
  materials: Artifacts;
  products: Artifacts;
  byproducts: Record<string, string | number>;
  command: string[];
  environment: Record<string, string>;
}

/** The artifact rules of in-toto's rulelib (in_toto/rulelib.py), one tuple per rule. */
export type ArtifactRule =
  | readonly ['CREATE' | 'DELETE' | 'MODIFY' | 'ALLOW' | 'DISALLOW' | 'REQUIRE', string]
  | readonly ['MATCH', string, 'WITH', 'MATERIALS' | 'PRODUCTS', 'FROM', string]
  | readonly ['MATCH', string, 'IN', string, 'WITH', 'MATERIALS' | 'PRODUCTS', 'FROM', string]
  | readonly ['MATCH', string, 'WITH', 'MATERIALS' | 'PRODUCTS', 'IN', string, 'FROM', string]
  | readonly [
      'MATCH',
      string,
      'IN',
      string,
      'WITH',
      'MATERIALS' | 'PRODUCTS',
      'IN',
      string,
      'FROM',
      string,
    ];

/** A step of the supply chain: who may perform it (`pubkeys`), how many must agree (`threshold`). */
export interface Step {
  _type: 'step';
  name: string;
  threshold: number;
  pubkeys: string[];
  expected_materials: ArtifactRule[];
  expected_products: ArtifactRule[];
  expected_command: string[];
}

/** A command the verifier runs itself (apt-transport-in-toto: checking the downloaded .deb). */
export interface Inspection {
  _type: 'inspection';
  name: string;
  run: string[];
  expected_materials: ArtifactRule[];
  expected_products: ArtifactRule[];
}

/** The supply chain's definition, signed by its owner (for Countersign, the release key). */
export interface Layout {
  _type: 'layout';
  /** "YYYY-MM-DDTHH:MM:SSZ"; in-toto refuses the layout after it. */
  expires: string;
  readme: string;
  /** The functionaries' keys in securesystemslib's GPG form, by primary keyid. */
  keys: Record<string, GpgPublicKey>;
  steps: Step[];
  inspect: Inspection[];
}

/** The v0.9 envelope: the metadata and its signatures over its canonical JSON. */
export interface Metablock<T extends Link | Layout> {
  signed: T;
  signatures: InTotoSignature[];
}

/** A link for `name` recording these products (path → SHA-256), with nothing else. */
export function buildLink(options: {
  name: string;
  products: Record<string, string>;
  materials?: Record<string, string>;
}): Link {
  return {
    _type: 'link',
    name: options.name,
    materials: artifacts(options.materials ?? {}),
    products: artifacts(options.products),
    byproducts: {},
    command: [],
    environment: {},
  };
}

/** What a layout is made of: keys as objects, steps naming keys by those objects. */
export interface LayoutSpec {
  expires: Date;
  readme?: string;
  steps: StepSpec[];
  inspections?: InspectionSpec[];
}

export interface StepSpec {
  name: string;
  threshold: number;
  functionaries: GpgPublicKey[];
  expectedMaterials?: ArtifactRule[];
  expectedProducts?: ArtifactRule[];
}

export interface InspectionSpec {
  name: string;
  run: string[];
  expectedMaterials?: ArtifactRule[];
  expectedProducts?: ArtifactRule[];
}

/**
 * A layout whose `keys` are exactly the steps' functionaries. Refuses what
 * in-toto would refuse (duplicate names) and what could never pass (a
 * threshold above the number of distinct functionaries, or below 1).
 */
export function buildLayout(spec: LayoutSpec): Layout {
  const keys: Record<string, GpgPublicKey> = {};
  const names = new Set<string>();
  const claim = (name: string) => {
    if (!STEP_NAME.test(name)) throw new Error(`"${name}" is not a usable step name`);
    if (names.has(name)) throw new Error(`two steps or inspections are named "${name}"`);
    names.add(name);
  };
  const steps = spec.steps.map((step): Step => {
    claim(step.name);
    const pubkeys = [...new Set(step.functionaries.map((key) => key.keyid))];
    if (
      !Number.isInteger(step.threshold) ||
      step.threshold < 1 ||
      step.threshold > pubkeys.length
    ) {
      throw new Error(
        `step "${step.name}" has a threshold of ${step.threshold} with ${pubkeys.length} distinct keys`,
      );
    }
    for (const key of step.functionaries) keys[key.keyid] = key;
    return {
      _type: 'step',
      name: step.name,
      threshold: step.threshold,
      pubkeys,
      expected_materials: step.expectedMaterials ?? [],
      expected_products: step.expectedProducts ?? [],
      expected_command: [],
    };
  });
  const inspect = (spec.inspections ?? []).map((inspection): Inspection => {
    claim(inspection.name);
    return {
      _type: 'inspection',
      name: inspection.name,
      run: inspection.run,
      expected_materials: inspection.expectedMaterials ?? [],
      expected_products: inspection.expectedProducts ?? [],
    };
  });
  return {
    _type: 'layout',
    expires: inTotoTime(spec.expires),
    readme: spec.readme ?? '',
    keys,
    steps,
    inspect,
  };
}

/** in-toto's time format: ISO 8601 in UTC to the second ("2027-01-31T12:00:00Z"). */
export function inTotoTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('invalid date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The file in-toto looks for a link in: `<step>.<first 8 hex of the signing
 * (sub)key's keyid>.link` (in_toto.models.link.FILENAME_FORMAT).
 */
export function linkFileName(stepName: string, keyid: string): string {
  if (!/^[0-9a-f]{8,}$/i.test(keyid)) throw new Error(`"${keyid}" is not a keyid`);
  return `${stepName}.${keyid.slice(0, 8).toLowerCase()}.link`;
}

/** The metablock as a file's text (any JSON layout reads back the same; signatures cover canonical JSON). */
export function metablockText(metablock: Metablock<Link | Layout>): string {
  return `${JSON.stringify({ signatures: metablock.signatures, signed: metablock.signed }, null, 1)}\n`;
}

// A step's name becomes part of a file name; keep it to what cannot escape a folder.
const STEP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function artifacts(hashes: Record<string, string>): Artifacts {
  const result: Artifacts = {};
  for (const [path, sha256] of Object.entries(hashes)) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`"${path}" has no SHA-256 (${sha256})`);
    result[path] = { sha256 };
  }
  return result;
}
