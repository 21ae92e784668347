import type * as openpgp from 'openpgp';
import { REBUILD_STEP } from '../../../shared/rebuilders';
import type { PackageCheck, RebuildLinksCheck, RebuildPackageCheck } from '../../../shared/verify';
import { debFileName } from '../approve/index';
import { openRepositoryLocation } from '../lib/apt/repositoryLocation';
import {
  gpgPublicKey,
  readLayoutMetablock,
  verifyMetablockSignature,
  type GpgPublicKey,
} from '../lib/intoto/index';
import {
  APT_IN_TOTO_FOLDER,
  APT_LAYOUT_FILE,
  checkRebuildLink,
  linkPathInTree,
  PUBLISHED_REBUILDERS_FOLDER,
} from '../rebuilderLinks/index';

const MAX_METADATA_BYTES = 4 * 1024 * 1024;
const text = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString('utf8') : null);

/**
 * Checks apt-prod as apt-transport-in-toto would before installing each
 * package: its layout (signed by one of `keys`, not expired, with a step
 * `rebuild`), then for every served package the links apt-prod serves for
 * the layout's rebuilders, counting those that validly vouch for exactly the
 * served bytes against the layout's threshold. Null when apt-prod publishes
 * no layout. Never throws for what it finds.
 */
export async function checkRebuildLinks(
  root: string,
  keys: openpgp.PublicKey[],
  served: PackageCheck[],
  now: Date,
  signal?: AbortSignal,
): Promise<RebuildLinksCheck | null> {
  const location = openRepositoryLocation(root);
  const layoutText = text(
    await location.readSmallFile([APT_IN_TOTO_FOLDER, APT_LAYOUT_FILE], MAX_METADATA_BYTES, signal),
  );
  if (layoutText === null) return null;
  const failed = (problem: string): RebuildLinksCheck => ({
    layoutProblems: [problem],
    expires: null,
    threshold: 0,
    packages: [],
    status: 'failed',
  });
  const read = readLayoutMetablock(layoutText);
  if (!read.ok)
    return failed(
      `${APT_IN_TOTO_FOLDER}/${APT_LAYOUT_FILE} is not an in-toto layout: ${read.reason}`,
    );
  const layout = read.metablock;
  const layoutProblems: string[] = [];
  const releaseKeys = await Promise.all(keys.map((key) => gpgPublicKey(key)));
  if (!releaseKeys.some((key) => verifyMetablockSignature(layout, key, now).valid)) {
    layoutProblems.push('the layout is not signed by the release key');
  }
  if (Date.parse(layout.signed.expires) <= now.getTime()) {
    layoutProblems.push(
      `the layout expired on ${layout.signed.expires}: apt refuses every package`,
    );
  }
  const step = layout.signed.steps.find((one) => one.name === REBUILD_STEP);
  if (!step) return failed(`the layout has no step "${REBUILD_STEP}"`);
  const rebuilders = step.pubkeys
    .map((keyid) => layout.signed.keys[keyid])
    .filter((key): key is GpgPublicKey => key !== undefined);

  const packages: RebuildPackageCheck[] = [];
  for (const pkg of served) {
    const product = debFileName(pkg);
    const vouchedBy: string[] = [];
    const reasons: string[] = [];
    for (const rebuilder of rebuilders) {
      const path = [
        APT_IN_TOTO_FOLDER,
        PUBLISHED_REBUILDERS_FOLDER,
        rebuilder.keyid.slice(0, 8),
        ...linkPathInTree(pkg),
      ];
      const link = text(await location.readSmallFile(path, MAX_METADATA_BYTES, signal));
      const who = rebuilder.keyid.toUpperCase();
      if (link === null) {
        reasons.push(`${who}: no link`);
        continue;
      }
      const check = checkRebuildLink(link, product, [rebuilder], now);
      if (!check.ok) reasons.push(`${who}: ${check.reason}`);
      else if (check.sha256 !== pkg.sha256) reasons.push(`${who}: vouches for other bytes`);
      else vouchedBy.push(who);
    }
    const enough = vouchedBy.length >= step.threshold;
    packages.push({
      package: pkg.package,
      version: pkg.version,
      architecture: pkg.architecture,
      status: enough && layoutProblems.length === 0 ? 'verified' : 'failed',
      vouchedBy,
      problem: enough
        ? layoutProblems.length > 0
          ? layoutProblems.join('; ')
          : null
        : `${vouchedBy.length} of the ${step.threshold} rebuilders the layout asks for vouch for these bytes (${reasons.join('; ')})`,
    });
  }
  return {
    layoutProblems,
    expires: layout.signed.expires,
    threshold: step.threshold,
    packages,
    status:
      layoutProblems.length === 0 && packages.every((one) => one.status === 'verified')
        ? 'verified'
        : 'failed',
  };
}
