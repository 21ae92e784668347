/**
 * Step 1, Tag: the release tag is an annotated tag signed by a pinned, trusted
 * maintainer key. The front door: transports, other steps, benchmarks and
 * fixtures import from here, never from the files behind it.
 */
export { verifyTag, type VerifyTagInput } from './verifyTag';
export { listTags } from './readTag';
export { addTrustedKeys, removeTrustedKey } from './trustList';
export { tagInputsOf } from './tagInputs';
export { recordProjectVerification } from './recordVerification';
export { createTagHandlers, tagSetup } from './tagHandlers';
export { readKeyringFile } from '../lib/openpgp/readKeyringFile';
export { readChangelogAt, type ChangelogRelease } from '../lib/deb/debianChangelog';
