import { describe, expect, it } from 'vitest';
import {
  IN_TOTO_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_TYPE,
  type Statement,
} from '../../../shared/attestation';
import { pae, signEnvelope } from './dsse';

describe('pae', () => {
  it("encodes the DSSE spec's test vector byte for byte", () => {
    const bytes = pae('http://example.com/HelloWorld', Buffer.from('hello world'));
    expect(Buffer.from(bytes).toString('latin1')).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
  });

  it('counts bytes, not characters, and keeps the body as given', () => {
    const body = new Uint8Array([0xe2, 0x9c, 0x94, 0x00, 0x20]);
    const bytes = pae('t/é', body);
    expect(Buffer.from(bytes.subarray(0, 16)).toString('utf8')).toBe('DSSEv1 4 t/é 5 ');
    expect([...bytes.subarray(16)]).toEqual([...body]);
  });
});

describe('signEnvelope', () => {
  it('signs PAE(payloadType, payload) and carries the statement as base64 JSON', async () => {
    const statement: Statement = {
      _type: IN_TOTO_STATEMENT_TYPE,
      subject: [{ name: 'a.deb', digest: { sha256: 'a'.repeat(64) } }],
      predicateType: 'https://example.org/p',
      predicate: {},
    };
    let signed: Uint8Array | null = null;
    const envelope = await signEnvelope(
      statement,
      (bytes) => {
        signed = bytes;
        return Promise.resolve(new Uint8Array([1, 2, 3]));
      },
      'ABCD',
    );
    expect(envelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    const payload = Buffer.from(envelope.payload, 'base64');
    expect(JSON.parse(payload.toString('utf8'))).toEqual(statement);
    expect(signed).toEqual(pae(IN_TOTO_PAYLOAD_TYPE, new Uint8Array(payload)));
    expect(envelope.signatures).toEqual([{ keyid: 'ABCD', sig: 'AQID' }]);
  });
});
