import { REBUILD_STEP } from '../../../shared/rebuilders';
import {
  readLinkMetablock,
  verifyMetablockSignature,
  type GpgPublicKey,
  type Link,
  type Metablock,
} from '../lib/intoto/index';

/** A rebuild link as apt-transport-in-toto would count it, or why it would not. */
export type RebuildLinkCheck =
  | {
      ok: true;
      rebuilder: GpgPublicKey;
      product: string;
      sha256: string;
      metablock: Metablock<Link>;
    }
  | { ok: false; reason: string };

/**
 * Judges one rebuilder's link for one package as in-toto's verification
 * would: an in-toto link for the step `rebuild`, validly signed by one of
 * `rebuilders` (the layout's keys), no materials, and exactly one product,
 * the package's .deb under apt's name (`expectedProduct`). The caller
 * compares the product's SHA-256 with the bytes served.
 */
export function checkRebuildLink(
  text: string,
  expectedProduct: string,
  rebuilders: readonly GpgPublicKey[],
  now: Date,
): RebuildLinkCheck {
  const read = readLinkMetablock(text);
  if (!read.ok) return { ok: false, reason: `not an in-toto link: ${read.reason}` };
  const metablock = read.metablock;
  if (metablock.signed.name !== REBUILD_STEP) {
    return {
      ok: false,
      reason: `a link for the step ${JSON.stringify(metablock.signed.name)}, not "${REBUILD_STEP}"`,
    };
  }
  const rebuilder = rebuilders.find((key) =>
    metablock.signatures.some(
      (signature) => signature.keyid === key.keyid || key.subkeys?.[signature.keyid],
    ),
  );
  if (!rebuilder) {
    const signers =
      metablock.signatures.map((signature) => signature.keyid.toUpperCase()).join(', ') || 'nobody';
    return { ok: false, reason: `signed by ${signers}, a key the layout does not name` };
  }
  const verdict = verifyMetablockSignature(metablock, rebuilder, now);
  if (!verdict.valid) return { ok: false, reason: `its signature fails: ${verdict.reason}` };
  if (Object.keys(metablock.signed.materials).length > 0) {
    return { ok: false, reason: 'it lists materials; a rebuild link lists none' };
  }
  const products = Object.entries(metablock.signed.products);
  const [only] = products;
  if (products.length !== 1 || !only || only[0] !== expectedProduct) {
    return {
      ok: false,
      reason: `its products are ${JSON.stringify(products.map(([name]) => name).slice(0, 5))}, not exactly ${expectedProduct}`,
    };
  }
  const sha256 = only[1].sha256;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    return { ok: false, reason: 'its product carries no SHA-256' };
  }
  return { ok: true, rebuilder, product: only[0], sha256, metablock };
}
