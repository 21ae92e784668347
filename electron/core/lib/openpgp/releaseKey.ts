import type * as openpgp from 'openpgp';
import type { ReleaseKeyInfo } from '../../../../shared/signing';

/**
 * What a secret key is for, named in every refusal: the project's release key
 * or a reviewer's own key. Both are kept and unlocked the same way.
 */
export type KeyRole = 'release key' | 'reviewer key' | 'rebuilder key';

/** The release key (or a reviewer key) as imported: still encrypted, with what was checked about it. */
export interface ReleaseKey {
  /** Still protected by its passphrase; unlockReleaseKey makes a decrypted copy to sign with. */
  readonly key: openpgp.PrivateKey;
  readonly info: ReleaseKeyInfo;
  /** The armored text exactly as given: what is stored, never re-encoded. */
  readonly armored: string;
  /** What it signs for; the release key when not said. */
  readonly role?: KeyRole;
}

export interface ReadReleaseKeyOptions {
  /** Accept a key without a passphrase (refused by default). */
  allowUnprotected?: boolean;
  /** The time the key must be valid at; now when not given. */
  date?: Date;
  /** What the key is for, as refusals name it; the release key when not said. */
  role?: KeyRole;
}
