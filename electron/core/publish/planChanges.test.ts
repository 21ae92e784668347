import { describe, expect, it } from 'vitest';
import { decideChanges, type PoolState } from './planChanges';
import type { PackageToPublish } from './publishTypes';
import type { ServedPackage } from './servedSuite';
import { controlOf, servedPackage } from './testing/servedPackage';

const hash = (seed: string) => seed.repeat(64).slice(0, 64);

function given(name: string, version: string, architecture = 'amd64', sha = 'a'): PackageToPublish {
  return {
    file: `/in/${name}_${version}.deb`,
    control: controlOf(name, version, architecture),
    package: name,
    version,
    architecture,
    component: 'main',
    size: 100,
    md5: '0'.repeat(32),
    sha256: hash(sha),
  };
}

const served = (name: string, version: string, architecture = 'amd64', sha = 'a') =>
  servedPackage(name, version, architecture, hash(sha));

const none = new Map<string, PoolState>();

/** decideChanges with nothing in the pool and downgrades refused, unless told. */
const decide = (
  servedNow: ServedPackage[],
  add: PackageToPublish[],
  pool: ReadonlyMap<string, PoolState> = none,
  allowDowngrade = false,
) => decideChanges(servedNow, add, pool, allowDowngrade);

describe('decideChanges', () => {
  it('adds a new package and keeps what is served', () => {
    const decision = decide([served('tools', '2.0', 'all')], [given('hello', '1.0-1')]);
    expect(decision.changes).toMatchObject([
      {
        action: 'add',
        package: 'hello',
        previousVersion: null,
        poolPath: 'pool/main/h/hello/hello_1.0-1_amd64.deb',
      },
    ]);
    expect(decision.kept).toEqual([
      { package: 'tools', version: '2.0', architecture: 'all', component: 'main' },
    ]);
    expect(decision.packages.map((pkg) => pkg.package)).toEqual(['tools', 'hello']);
    expect(decision.toPool.map((write) => write.poolPath)).toEqual([
      'pool/main/h/hello/hello_1.0-1_amd64.deb',
    ]);
    expect(decision.refusals).toEqual([]);
  });

  it('replaces every served version of the same package and architecture with a newer one', () => {
    const decision = decide(
      [
        served('hello', '1.0-1'),
        served('hello', '1.1-1', 'amd64', 'b'),
        served('hello', '1.1-1', 'arm64'),
      ],
      [given('hello', '1.1-1+deb12u1', 'amd64', 'c')],
    );
    expect(decision.changes).toMatchObject([{ action: 'replace', previousVersion: '1.1-1' }]);
    expect(decision.packages.map((pkg) => `${pkg.version} ${pkg.architecture}`).sort()).toEqual([
      '1.1-1 arm64',
      '1.1-1+deb12u1 amd64',
    ]);
    expect(decision.kept).toEqual([
      { package: 'hello', version: '1.1-1', architecture: 'arm64', component: 'main' },
    ]);
  });

  it('leaves the same version with the same bytes unchanged, at its served file', () => {
    const decision = decide([served('hello', '1.0-1')], [given('hello', '1.0-1')]);
    expect(decision.changes).toMatchObject([
      {
        action: 'unchanged',
        previousVersion: '1.0-1',
        poolPath: 'pool/main/h/hello/hello_1.0-1_amd64.deb',
      },
    ]);
    expect(decision.kept).toEqual([]);
    expect(decision.toPool).toEqual([]);
    expect(decision.packages).toHaveLength(1);
  });

  it('refuses the same version with other bytes', () => {
    const decision = decide([served('hello', '1.0-1')], [given('hello', '1.0-1', 'amd64', 'b')]);
    expect(decision.refusals).toMatchObject([
      { code: 'SAME_VERSION_OTHER_BYTES', package: 'hello' },
    ]);
    expect(decision.changes).toEqual([]);
    expect(decision.packages.map((pkg) => pkg.version)).toEqual(['1.0-1']);
  });

  it('refuses an older version unless downgrades are allowed, comparing as dpkg does', () => {
    const servedNow = [served('hello', '1.0-1')];
    const older = given('hello', '1.0~rc1-1', 'amd64', 'b');
    expect(decide(servedNow, [older]).refusals).toMatchObject([
      { code: 'VERSION_NOT_NEWER', version: '1.0~rc1-1' },
    ]);
    const allowed = decide(servedNow, [older], none, true);
    expect(allowed.changes).toMatchObject([{ action: 'downgrade', previousVersion: '1.0-1' }]);
    expect(allowed.packages.map((pkg) => pkg.version)).toEqual(['1.0~rc1-1']);
    // An epoch outranks everything after it.
    expect(decide([served('hello', '1:0.1')], [given('hello', '2.0')]).refusals).toHaveLength(1);
  });

  it('refuses a pool path holding other bytes, and skips writing one holding the same', () => {
    const path = 'pool/main/h/hello/hello_1.0-1_amd64.deb';
    const conflict = decide([], [given('hello', '1.0-1')], new Map([[path, 'other']]));
    expect(conflict.refusals).toMatchObject([{ code: 'POOL_CONFLICT' }]);
    const same = decide([], [given('hello', '1.0-1')], new Map([[path, 'same']]));
    expect(same.changes).toMatchObject([{ action: 'add' }]);
    expect(same.toPool).toEqual([]);
  });

  it('treats a package and architecture as one slot: the same file twice is fine, two files are not', () => {
    const twice = decide([], [given('hello', '1.0-1'), given('hello', '1.0-1')]);
    expect(twice.changes).toHaveLength(1);
    expect(() =>
      decide([], [given('hello', '1.0-1'), given('hello', '1.1-1', 'amd64', 'b')]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PUBLICATION' }));
    const arches = decide([], [given('hello', '1.0-1'), given('hello', '1.0-1', 'arm64', 'b')]);
    expect(arches.changes).toHaveLength(2);
  });
});
