import { CountersignError } from '../../../../shared/errors';

/** The file is not a Debian binary package we can read the identity of. */
export function invalidDeb(message: string): CountersignError {
  return new CountersignError(
    'INVALID_DEB',
    message,
    'Check that the file is a Debian binary package built by dpkg-deb, and download it again if it may be damaged.',
  );
}
