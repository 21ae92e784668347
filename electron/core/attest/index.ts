/**
 * Attestations others can check: in-toto statements of what was
 * rebuilt, compared, reviewed and promoted, and a SLSA VSA for the promoted
 * set, each a DSSE envelope signed by the release key. See docs/attestations.md.
 */
export { pae, signEnvelope, type PaeSigner } from './dsse';
export { openpgpSigner } from './openpgpSigner';
export {
  aptProdUri,
  buildRebuildStatements,
  type RebuildStatement,
  type RebuildStatementOptions,
} from './rebuildStatements';
export { buildVerificationSummary, COUNTERSIGN_VERSION } from './verificationSummary';
export { verifyEnvelope, type VerifyEnvelopeOptions } from './verifyEnvelope';
export {
  exportAttestations,
  VSA_FILE,
  type ExportAttestationsRequest,
  type ExportedAttestations,
} from './exportAttestations';
export { readReleaseKey, withUnlockedKey } from '../lib/openpgp/index';
export { readKeyringFile } from '../lib/openpgp/readKeyringFile';
