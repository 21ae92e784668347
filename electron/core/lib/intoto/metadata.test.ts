import { describe, expect, it } from 'vitest';
import type { GpgPublicKey } from './gpgKey';
import { buildLayout, buildLink, inTotoTime, linkFileName, metablockText } from './metadata';
import { readLayoutMetablock, readLinkMetablock } from './readMetablock';

const key = (keyid: string): GpgPublicKey => ({
  keyid,
  type: 'eddsa',
  method: 'pgp+eddsa-ed25519',
  hashes: ['pgp+SHA2'],
  creation_time: 1_700_000_000,
  keyval: { public: { q: 'ab'.repeat(32) }, private: '' },
});
const A = key('a'.repeat(40));
const B = key('b'.repeat(40));

describe('in-toto v0.9 metadata', () => {
  it('builds a link with every field in-toto signs, and names its file by the first 8 hex of the keyid', () => {
    expect(buildLink({ name: 'approve', products: { 'x.deb': 'c'.repeat(64) } })).toEqual({
      _type: 'link',
      name: 'approve',
      materials: {},
      products: { 'x.deb': { sha256: 'c'.repeat(64) } },
      byproducts: {},
      command: [],
      environment: {},
    });
    expect(linkFileName('approve', 'D641F36D460048360F6D9D4C887F4B9098BA91F7')).toBe(
      'approve.d641f36d.link',
    );
    expect(() => buildLink({ name: 'approve', products: { 'x.deb': 'md5' } })).toThrow(/SHA-256/);
  });

  it('builds a layout listing exactly the steps’ keys, expiring at a whole second in UTC', () => {
    const layout = buildLayout({
      expires: new Date('2027-01-31T12:00:00.750Z'),
      steps: [{ name: 'approve', threshold: 2, functionaries: [A, B, A] }],
    });
    expect(layout.expires).toBe('2027-01-31T12:00:00Z');
    expect(Object.keys(layout.keys)).toEqual([A.keyid, B.keyid]);
    expect(layout.steps[0]).toEqual({
      _type: 'step',
      name: 'approve',
      threshold: 2,
      pubkeys: [A.keyid, B.keyid],
      expected_materials: [],
      expected_products: [],
      expected_command: [],
    });
    expect(layout.inspect).toEqual([]);
    expect(inTotoTime(new Date(0))).toBe('1970-01-01T00:00:00Z');
  });

  it('refuses a threshold no set of its keys could meet, and duplicate step names', () => {
    const expires = new Date('2027-01-01T00:00:00Z');
    expect(() =>
      buildLayout({
        expires,
        steps: [{ name: 'approve', threshold: 3, functionaries: [A, B, B] }],
      }),
    ).toThrow(/threshold of 3 with 2 distinct keys/);
    expect(() =>
      buildLayout({ expires, steps: [{ name: 'approve', threshold: 0, functionaries: [A] }] }),
    ).toThrow(/threshold of 0/);
    expect(() =>
      buildLayout({
        expires,
        steps: [{ name: 'rebuild', threshold: 1, functionaries: [A] }],
        inspections: [{ name: 'rebuild', run: ['true'] }],
      }),
    ).toThrow(/two steps or inspections are named "rebuild"/);
  });

  it('reads back what it writes, and refuses a file with a field in-toto would drop or fill in', () => {
    const layout = buildLayout({
      expires: new Date('2027-01-01T00:00:00Z'),
      steps: [{ name: 'approve', threshold: 1, functionaries: [A] }],
    });
    const text = metablockText({ signed: layout, signatures: [] });
    expect(readLayoutMetablock(text)).toEqual({
      ok: true,
      metablock: { signed: layout, signatures: [] },
    });

    const link = buildLink({ name: 'approve', products: {} });
    const extra = JSON.stringify({ signed: { ...link, note: 'unsigned' }, signatures: [] });
    expect(readLinkMetablock(extra)).toMatchObject({ ok: false });
    const missing: Partial<typeof link> = { ...link };
    delete missing.byproducts;
    expect(readLinkMetablock(JSON.stringify({ signed: missing, signatures: [] }))).toMatchObject({
      ok: false,
    });
    expect(readLinkMetablock('{')).toMatchObject({ ok: false });
  });
});
