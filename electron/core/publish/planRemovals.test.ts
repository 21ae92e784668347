import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../shared/errors';
import { decideRemovals } from './planRemovals';
import { servedPackage } from './testing/servedPackage';

const served = (name: string, version: string, architecture: string) =>
  servedPackage(name, version, architecture, `${name}${version}${architecture}`.padEnd(64, '0'));

const suite = [
  served('hello', '1.0-1', 'amd64'),
  served('hello', '1.0-1', 'arm64'),
  served('hello-doc', '1.0-1', 'all'),
];

function refusal(run: () => unknown): CountersignError {
  try {
    run();
  } catch (error) {
    if (error instanceof CountersignError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decideRemovals', () => {
  it('takes every architecture of a package out when none is named, and leaves the rest', () => {
    const decision = decideRemovals(suite, [{ package: 'hello' }]);
    expect(decision.remaining.map((pkg) => pkg.package)).toEqual(['hello-doc']);
    expect(decision.removed).toEqual([
      {
        package: 'hello',
        version: '1.0-1',
        architecture: 'amd64',
        component: 'main',
        sha256: suite[0]?.sha256,
        poolPath: 'pool/main/h/hello/hello_1.0-1_amd64.deb',
      },
      expect.objectContaining({ package: 'hello', architecture: 'arm64' }),
    ]);
  });

  it('takes only the named architecture out when one is named', () => {
    const decision = decideRemovals(suite, [{ package: 'hello', architecture: 'arm64' }]);
    expect(decision.removed.map((pkg) => pkg.architecture)).toEqual(['arm64']);
    expect(decision.remaining.map((pkg) => `${pkg.package} ${pkg.architecture}`)).toEqual([
      'hello amd64',
      'hello-doc all',
    ]);
  });

  it('changes nothing when nothing is to be removed', () => {
    expect(decideRemovals(suite, [])).toEqual({ remaining: suite, removed: [] });
  });

  it('refuses a package apt-prod does not serve, naming it, rather than publish the same suite again', () => {
    const error = refusal(() => decideRemovals(suite, [{ package: 'hello' }, { package: 'helo' }]));
    expect(error.code).toBe('PACKAGE_NOT_FOUND');
    expect(error.message).toContain('"helo"');
    expect(error.message).not.toContain('"hello"');
  });

  it('refuses an architecture apt-prod does not serve the package on', () => {
    const error = refusal(() =>
      decideRemovals(suite, [{ package: 'hello-doc', architecture: 'amd64' }]),
    );
    expect(error.code).toBe('PACKAGE_NOT_FOUND');
    expect(error.message).toContain('"hello-doc" (amd64)');
  });
});
