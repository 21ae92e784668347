import { CountersignError } from '../../../shared/errors';
import type { ProjectConfig } from '../../../shared/project';
import { fingerprintOf } from '../lib/openpgp/keyFacts';
import { keyBytesFromText, readKeyring } from '../lib/openpgp/readKeyring';
import { refuseSecretKey } from '../lib/openpgp/secretKeyGuard';

/**
 * Adds every key in the given text to the trust list, each pinned by its
 * primary key's full fingerprint. Importing a key already there merges the
 * two copies (a newer copy brings an extended expiry or a revocation; an older
 * copy can never strip a revocation we already hold).
 */
export async function addTrustedKeys(
  config: ProjectConfig,
  keyText: string,
): Promise<ProjectConfig> {
  const bytes = keyBytesFromText(keyText);
  refuseSecretKey(bytes, 'The key you gave');
  const keys = await readKeyring(bytes, 'The key you gave');
  const signers = [...config.trustedSigners];
  for (const key of keys) {
    const fingerprint = fingerprintOf(key);
    const at = signers.findIndex((signer) => signer.fingerprint === fingerprint);
    const held = signers[at];
    if (!held) {
      signers.push({ fingerprint, publicKey: key.armor() });
      continue;
    }
    const [current] = await readKeyring(keyBytesFromText(held.publicKey), 'The stored key');
    const merged = current ? await current.update(key) : key;
    signers[at] = { fingerprint, publicKey: merged.armor() };
  }
  return { ...config, trustedSigners: signers };
}

export function removeTrustedKey(config: ProjectConfig, fingerprint: string): ProjectConfig {
  if (!config.trustedSigners.some((signer) => signer.fingerprint === fingerprint)) {
    throw new CountersignError(
      'SIGNER_NOT_FOUND',
      `No trusted signer has the fingerprint ${fingerprint}.`,
    );
  }
  return {
    ...config,
    trustedSigners: config.trustedSigners.filter((signer) => signer.fingerprint !== fingerprint),
  };
}
