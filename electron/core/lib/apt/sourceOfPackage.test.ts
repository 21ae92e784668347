import { describe, expect, it } from 'vitest';
import { parseDeb822 } from '../deb/deb822';
import { isBuiltFrom, sourceOfPackage } from './sourceOfPackage';

function pkg(stanza: string) {
  const [control] = parseDeb822(stanza);
  if (!control) throw new Error('no stanza');
  return {
    package: control.get('Package') ?? '',
    version: control.get('Version') ?? '',
    control,
  };
}

describe('sourceOfPackage', () => {
  it('takes the package itself as its source when the stanza names none', () => {
    expect(sourceOfPackage(pkg('Package: tree\nVersion: 2.1.0-1\n'))).toEqual({
      name: 'tree',
      version: '2.1.0-1',
    });
  });

  it("reads Source's name, and its version when a binNMU's differs", () => {
    expect(
      sourceOfPackage(pkg('Package: libcompface1\nVersion: 1:1.5.2-5.1\nSource: libcompface\n')),
    ).toEqual({
      name: 'libcompface',
      version: '1:1.5.2-5.1',
    });
    expect(
      sourceOfPackage(pkg('Package: tree\nVersion: 2.1.0-1+b1\nSource: tree (2.1.0-1)\n')),
    ).toEqual({
      name: 'tree',
      version: '2.1.0-1',
    });
  });

  it('keeps a release to the binaries built from that source at that version', () => {
    const release = { name: 'libcompface', version: '1:1.5.2-5.1' };
    expect(
      isBuiltFrom(pkg('Package: compface\nVersion: 1:1.5.2-5.1\nSource: libcompface\n'), release),
    ).toBe(true);
    expect(
      isBuiltFrom(pkg('Package: compface\nVersion: 1:1.5.2-5\nSource: libcompface\n'), release),
    ).toBe(false);
    expect(isBuiltFrom(pkg('Package: libcompface\nVersion: 1:1.5.2-5.1\n'), release)).toBe(true);
    expect(isBuiltFrom(pkg('Package: other\nVersion: 1:1.5.2-5.1\n'), release)).toBe(false);
  });
});
