import type * as openpgp from 'openpgp';
import type { ReleaseKeyInfo } from '../../../../shared/signing';

/** The release key as imported: still encrypted, with what was checked about it. */
export interface ReleaseKey {
  /** Still protected by its passphrase; unlockReleaseKey makes a decrypted copy to sign with. */
  readonly key: openpgp.PrivateKey;
  readonly info: ReleaseKeyInfo;
  /** The armored text exactly as given: what is stored, never re-encoded. */
  readonly armored: string;
}

export interface ReadReleaseKeyOptions {
  /** Accept a key without a passphrase (refused by default). */
  allowUnprotected?: boolean;
  /** The time the key must be valid at; now when not given. */
  date?: Date;
}
