/**
 * in-toto v0.9 metadata that Debian's in-toto and apt-transport-in-toto
 * accept: layouts and links, signed with OpenPGP keys, and our own check of
 * them. Each concept lives in its own file; this is the folder's front door.
 */
export { canonicalJson, canonicalJsonBytes, CanonicalJsonError } from './canonicalJson';
export { gpgPublicKey, type GpgPublicKey } from './gpgKey';
export { signMetadata, type InTotoSignature } from './signMetadata';
export {
  buildLayout,
  buildLink,
  inTotoTime,
  linkFileName,
  metablockText,
  type ArtifactRule,
  type Layout,
  type LayoutSpec,
  type Link,
  type Metablock,
  type StepSpec,
} from './metadata';
export { readLayoutMetablock, readLinkMetablock } from './readMetablock';
export { verifyMetablockSignature, type SignatureVerdict } from './verifyMetablock';
export { verifyStepLinks, type StepVerdict } from './verifyStepLinks';
