import { describe, expect, it } from 'vitest';
import type { ArtifactCopy } from '../../../shared/compare';
import { matchArtifacts } from './matchArtifacts';

const hash = (c: string) => c.repeat(64);
const deb = (path: string, pkg: string, sha: string, version = '1.0'): ArtifactCopy => ({
  path,
  size: 10,
  sha256: hash(sha),
  deb: { package: pkg, version, architecture: 'all' },
});
const file = (path: string, sha: string, size = 10): ArtifactCopy => ({
  path,
  size,
  sha256: hash(sha),
  deb: null,
});

describe('matchArtifacts', () => {
  it('matches packages by package, version and architecture, not by file name', () => {
    const rows = matchArtifacts(
      [deb('pool/main/h/hello/renamed.deb', 'hello', 'a')],
      [deb('hello_1.0_all.deb', 'hello', 'a')],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'identical', name: 'renamed.deb' });
  });

  it('tells identical, differing, CI-only and local-only artifacts apart, attention first', () => {
    const rows = matchArtifacts(
      [deb('a.deb', 'a', 'a'), deb('b.deb', 'b', 'b'), deb('c.deb', 'c', 'c'), file('x.txt', 'd')],
      [deb('a.deb', 'a', 'a'), deb('b.deb', 'b', 'e'), file('x.txt', 'd'), file('y.txt', 'f')],
    );
    expect(rows.map((row) => [row.name, row.status])).toEqual([
      ['b.deb', 'differs'],
      ['c.deb', 'only-ci'],
      ['y.txt', 'only-local'],
      ['a.deb', 'identical'],
      ['x.txt', 'identical'],
    ]);
  });

  it('treats another version of a package as a different artifact', () => {
    const rows = matchArtifacts([deb('a.deb', 'a', 'a', '2.0')], [deb('a.deb', 'a', 'a', '1.0')]);
    expect(rows.map((row) => row.status).sort()).toEqual(['only-ci', 'only-local']);
  });

  it('keeps two files of the same name in different folders apart', () => {
    const rows = matchArtifacts([file('amd64/x', 'a'), file('arm64/x', 'b')], [file('x', 'a')]);
    expect(rows.map((row) => row.status).sort()).toEqual(['only-ci', 'only-ci', 'only-local']);
  });

  it('calls equal hashes with different sizes a difference', () => {
    const rows = matchArtifacts([file('x', 'a', 1)], [file('x', 'a', 2)]);
    expect(rows[0]?.status).toBe('differs');
  });
});
