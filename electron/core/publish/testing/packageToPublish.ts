import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readDebControl } from '../../lib/deb/readDebControl';
import type { PackageToPublish } from '../publishTypes';

/** A .deb on disk as the promotion gate hands it over: its control data and hashes. */
export async function packageToPublish(file: string, component: string): Promise<PackageToPublish> {
  const { identity, control } = await readDebControl(file);
  const bytes = await readFile(file);
  return {
    file,
    control,
    package: identity.package,
    version: identity.version,
    architecture: identity.architecture,
    component,
    size: bytes.length,
    md5: createHash('md5').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
