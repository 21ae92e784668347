import { z } from 'zod';
import type { Layout, Link, Metablock } from './metadata';

/**
 * A metablock read from a file, accepting exactly the fields in-toto's
 * models have. in-toto fills a missing field with a default and drops an
 * unknown one before verifying, so a file with either is signed over other
 * bytes than it shows; we refuse it rather than verify something else.
 */

const hex = z.string().regex(/^[0-9a-fA-F]+$/);
const keyid = z.string().regex(/^[0-9a-f]{40}$/);
const rule = z.array(z.string()).min(2);

const signature = z.strictObject({ keyid: hex, other_headers: hex, signature: hex });

const gpgKeyFields = {
  keyid,
  type: z.enum(['rsa', 'dsa', 'eddsa']),
  method: z.enum(['pgp+rsa-pkcsv1.5', 'pgp+dsa-fips-180-2', 'pgp+eddsa-ed25519']),
  hashes: z.tuple([z.literal('pgp+SHA2')]),
  creation_time: z.number().int().min(0),
  validity_period: z.number().int().min(0).optional(),
  keyval: z.strictObject({
    public: z.union([
      z.strictObject({ n: hex, e: hex }),
      z.strictObject({ p: hex, q: hex, g: hex, y: hex }),
      z.strictObject({ q: hex }),
    ]),
    private: z.literal(''),
  }),
};
const gpgSubkey = z.strictObject(gpgKeyFields);
const gpgKey = z.strictObject({ ...gpgKeyFields, subkeys: z.record(keyid, gpgSubkey).optional() });

const artifacts = z.record(
  z.string(),
  z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
);

const link = z.strictObject({
  _type: z.literal('link'),
  name: z.string(),
  materials: artifacts,
  products: artifacts,
  byproducts: z.record(z.string(), z.union([z.string(), z.number().int()])),
  command: z.array(z.string()),
  environment: z.record(z.string(), z.string()),
});

const step = z.strictObject({
  _type: z.literal('step'),
  name: z.string(),
  threshold: z.number().int(),
  pubkeys: z.array(keyid),
  expected_materials: z.array(rule),
  expected_products: z.array(rule),
  expected_command: z.array(z.string()),
});

const inspection = z.strictObject({
  _type: z.literal('inspection'),
  name: z.string(),
  run: z.array(z.string()),
  expected_materials: z.array(rule),
  expected_products: z.array(rule),
});

const layout = z.strictObject({
  _type: z.literal('layout'),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
  readme: z.string(),
  keys: z.record(keyid, gpgKey),
  steps: z.array(step),
  inspect: z.array(inspection),
});

const linkMetablock = z.strictObject({ signed: link, signatures: z.array(signature) });
const layoutMetablock = z.strictObject({ signed: layout, signatures: z.array(signature) });

export type ReadResult<T> = { ok: true; metablock: T } | { ok: false; reason: string };

/** Reads a link file's text. */
export function readLinkMetablock(text: string): ReadResult<Metablock<Link>> {
  return read(text, linkMetablock) as ReadResult<Metablock<Link>>;
}

/** Reads a layout file's text. */
export function readLayoutMetablock(text: string): ReadResult<Metablock<Layout>> {
  return read(text, layoutMetablock) as ReadResult<Metablock<Layout>>;
}

function read(text: string, schema: z.ZodType): ReadResult<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top)';
    return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, metablock: parsed.data };
}
