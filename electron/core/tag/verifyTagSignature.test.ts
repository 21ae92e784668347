import { describe, expect, it } from 'vitest';
import { verifyTagSignature } from './verifyTagSignature';

describe('verifyTagSignature', () => {
  it('refuses an oversized signature block without parsing it', async () => {
    const bomb = `-----BEGIN PGP SIGNATURE-----\n\n${'A'.repeat(100 * 1024)}\n-----END PGP SIGNATURE-----\n`;
    const check = await verifyTagSignature(bomb, new Uint8Array(), [], new Date());
    expect(check.problems.map((problem) => problem.code)).toEqual(['MALFORMED_SIGNATURE']);
  });

  it('refuses a signature block that is not OpenPGP data', async () => {
    const junk =
      '-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n-----END PGP SIGNATURE-----\n';
    const check = await verifyTagSignature(junk, new Uint8Array(), [], new Date());
    expect(check.problems.map((problem) => problem.code)).toEqual(['MALFORMED_SIGNATURE']);
  });
});
