import { parseDeb822 } from '../../lib/deb/deb822';
import type { ServedPackage } from '../servedSuite';

/** A control paragraph with just a package's identity. */
export function controlOf(name: string, version: string, architecture: string) {
  const [paragraph] = parseDeb822(
    `Package: ${name}\nVersion: ${version}\nArchitecture: ${architecture}\n`,
  );
  if (!paragraph) throw new Error('no paragraph');
  return paragraph;
}

/** A package of the served suite as readServedSuite lists it, in main, at its pool path. */
export function servedPackage(
  name: string,
  version: string,
  architecture: string,
  sha256: string,
): ServedPackage {
  return {
    component: 'main',
    package: name,
    version,
    architecture,
    filename: `pool/main/${name[0] ?? 'x'}/${name}/${name}_${version}_${architecture}.deb`,
    size: 100,
    sha256,
    md5: undefined,
    control: controlOf(name, version, architecture),
  };
}
