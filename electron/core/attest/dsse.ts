import {
  IN_TOTO_PAYLOAD_TYPE,
  type DsseEnvelope,
  type Statement,
} from '../../../shared/attestation';

/**
 * DSSE's Pre-Authentication Encoding, exactly as the spec defines it:
 * "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, where LEN is the byte
 * length in ASCII decimal. The signature covers these bytes, never the
 * payload alone, so the payload type is authenticated too.
 */
export function pae(payloadType: string, body: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  const header = Buffer.from(`DSSEv1 ${type.length} ${payloadType} ${body.length} `, 'utf8');
  return new Uint8Array(Buffer.concat([header, body]));
}

/** Signs PAE bytes and answers the raw signature bytes. */
export type PaeSigner = (pae: Uint8Array) => Promise<Uint8Array>;

/**
 * Wraps a statement in a DSSE envelope signed over PAE(payloadType, payload).
 * The payload is the statement's JSON as UTF-8; verifiers read those exact
 * bytes, so its key order never matters.
 */
export async function signEnvelope(
  statement: Statement,
  sign: PaeSigner,
  keyid: string,
): Promise<DsseEnvelope> {
  const payload = Buffer.from(JSON.stringify(statement), 'utf8');
  const sig = await sign(pae(IN_TOTO_PAYLOAD_TYPE, payload));
  return {
    payloadType: IN_TOTO_PAYLOAD_TYPE,
    payload: payload.toString('base64'),
    signatures: [{ keyid, sig: Buffer.from(sig).toString('base64') }],
  };
}
