import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { gpgPublicKey, signMetadata } from '../lib/intoto/index';
import { buildLink, metablockText, type Link } from '../lib/intoto/metadata';
import { generatedKey } from '../lib/openpgp/testing/generatedKeys';
import { checkRebuildLink, type RebuildLinkCheck } from './checkRebuildLink';
import { linkPathInTree } from './rebuilderTree';

const DATE = new Date('2026-01-02T03:04:05Z');
const NOW = new Date('2026-06-01T00:00:00Z');
const DEB = 'hello_1%3a1.0-1_all.deb';
const SHA = 'b'.repeat(64);

async function signer() {
  const { armored } = await generatedKey({ passphrase: '', date: DATE, type: 'curve25519Legacy' });
  const key = await openpgp.readPrivateKey({ armoredKey: armored });
  return { key, public: await gpgPublicKey(key.toPublic()) };
}

async function signed(key: openpgp.PrivateKey, link: Link): Promise<string> {
  return metablockText({
    signed: link,
    signatures: [await signMetadata(link, key, { date: DATE })],
  });
}

const reasonOf = (check: RebuildLinkCheck) => (check.ok ? 'counted' : check.reason);

describe('checkRebuildLink', () => {
  it('takes a rebuild link by a named rebuilder whose one product is the package', async () => {
    const rebuilder = await signer();
    const text = await signed(
      rebuilder.key,
      buildLink({ name: 'rebuild', products: { [DEB]: SHA } }),
    );
    expect(checkRebuildLink(text, DEB, [rebuilder.public], NOW)).toMatchObject({
      ok: true,
      product: DEB,
      sha256: SHA,
    });
  });

  it('refuses a link by a key the layout does not name, another step, more products, or an edit', async () => {
    const rebuilder = await signer();
    const stranger = await signer();
    const link = buildLink({ name: 'rebuild', products: { [DEB]: SHA } });
    const foreign = await signed(stranger.key, link);
    expect(reasonOf(checkRebuildLink(foreign, DEB, [rebuilder.public], NOW))).toMatch(
      /a key the layout does not name/,
    );
    const approve = await signed(
      rebuilder.key,
      buildLink({ name: 'approve', products: { [DEB]: SHA } }),
    );
    expect(reasonOf(checkRebuildLink(approve, DEB, [rebuilder.public], NOW))).toMatch(
      /not "rebuild"/,
    );
    const two = await signed(
      rebuilder.key,
      buildLink({ name: 'rebuild', products: { [DEB]: SHA, 'other_1_all.deb': SHA } }),
    );
    expect(checkRebuildLink(two, DEB, [rebuilder.public], NOW).ok).toBe(false);
    const edited = (await signed(rebuilder.key, link)).replace(SHA, 'c'.repeat(64));
    expect(reasonOf(checkRebuildLink(edited, DEB, [rebuilder.public], NOW))).toMatch(
      /signature fails/,
    );
    expect(checkRebuildLink('{"not": "a link"}', DEB, [rebuilder.public], NOW).ok).toBe(false);
  });
});

describe('linkPathInTree', () => {
  it('names the version folder as an HTTP server decodes apt’s %3a request', () => {
    expect(linkPathInTree({ package: 'hello', version: '1:1.0-1' })).toEqual([
      'sources',
      'hello',
      '1:1.0-1',
      'metadata',
    ]);
  });

  it('refuses names and versions that could leave the tree', () => {
    for (const deb of [
      { package: '..', version: '1.0' },
      { package: 'hello', version: '../1.0' },
      { package: 'hello', version: '1.0/..' },
      { package: 'Hello', version: '1.0' },
    ]) {
      expect(() => linkPathInTree(deb)).toThrow(/not a Debian package name and version/);
    }
  });
});
