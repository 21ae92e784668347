import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { describeSigner } from './keyFacts';

describe('describeSigner', () => {
  it('names algorithms as people write them', async () => {
    const { publicKey: ed } = await openpgp.generateKey({
      userIDs: [{ name: 'E', email: 'e@example.org' }],
      type: 'curve25519',
      format: 'object',
    });
    const edFacts = await describeSigner(ed);
    expect(edFacts.algorithm).toBe('Ed25519');
    expect(edFacts.subkeys.map((subkey) => subkey.algorithm)).toEqual(['X25519']);

    const { publicKey: rsa } = await openpgp.generateKey({
      userIDs: [{ name: 'R', email: 'r@example.org' }],
      type: 'rsa',
      rsaBits: 2048,
      format: 'object',
    });
    expect((await describeSigner(rsa)).algorithm).toBe('RSA 2048');
  });

  it('shows an encryption-only subkey as unable to sign', async () => {
    const { publicKey } = await openpgp.generateKey({
      userIDs: [{ name: 'E', email: 'e@example.org' }],
      type: 'curve25519',
      format: 'object',
    });
    const facts = await describeSigner(publicKey);
    expect(facts.canSign).toBe(true);
    expect(facts.subkeys[0]?.canSign).toBe(false);
    expect(facts.userIds).toEqual(['E <e@example.org>']);
  });
});
