import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Streams a file through SHA-256: constant memory whatever its size. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
