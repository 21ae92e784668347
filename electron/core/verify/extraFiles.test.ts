import { describe, expect, it } from 'vitest';
import { parseReleaseFile } from '../lib/apt/releaseFile';
import { releaseFilesOf, unreferencedFiles } from './extraFiles';

const SHA = 'c'.repeat(64);
const release = (byHash: boolean) =>
  parseReleaseFile(
    [
      'Suite: stable',
      'Components: main',
      'Architectures: amd64',
      ...(byHash ? ['Acquire-By-Hash: yes'] : []),
      'SHA256:',
      ` ${SHA} 12 main/binary-amd64/Packages`,
      '',
    ].join('\n'),
  );

describe('extra files', () => {
  it('counts the signature files, the listed files and their by-hash copies as referenced', () => {
    expect(releaseFilesOf('stable', release(true))).toEqual([
      'dists/stable/InRelease',
      'dists/stable/Release',
      'dists/stable/Release.gpg',
      'dists/stable/main/binary-amd64/Packages',
      `dists/stable/main/binary-amd64/by-hash/SHA256/${SHA}`,
    ]);
    expect(releaseFilesOf('stable', release(false))).not.toContain(
      `dists/stable/main/binary-amd64/by-hash/SHA256/${SHA}`,
    );
  });

  it('lists the files nothing references', () => {
    const files = ['dists/stable/Release', 'pool/main/h/hello.deb', 'pool/main/stray.deb'];
    expect(unreferencedFiles(files, ['dists/stable/Release', 'pool/main/h/hello.deb'])).toEqual([
      'pool/main/stray.deb',
    ]);
  });
});
