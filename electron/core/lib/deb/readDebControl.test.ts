import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { tarArchive } from '../archive/testing/tarTestFixtures';
import { debControlFromHead, readDebControl } from './readDebControl';

const CONTROL =
  'Package: hello\nVersion: 1:2.10-3\nArchitecture: amd64\nDescription: greets\n more\n';

/** An ar archive of [name, bytes] members, as dpkg-deb lays it out. */
function ar(members: [string, Buffer | string][]): Buffer {
  const parts: Buffer[] = [Buffer.from('!<arch>\n')];
  for (const [name, content] of members) {
    const data = Buffer.from(content);
    const header = `${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(data.length).padEnd(10)}\`\n`;
    parts.push(Buffer.from(header, 'latin1'), data);
    if (data.length % 2) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

function controlTar(control = CONTROL, name = './control'): Buffer {
  return tarArchive([
    { name: './', type: '5' },
    { name: './md5sums', data: 'abc  usr/bin/hello\n' },
    { name, data: control },
  ]);
}

function deb(controlMember: [string, Buffer] = ['control.tar.gz', gzipSync(controlTar())]): Buffer {
  return ar([['debian-binary', '2.0\n'], controlMember, ['data.tar.xz', Buffer.alloc(5000, 1)]]);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no refusal';
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'countersign-deb-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('debControlFromHead', () => {
  it('reads package, version and architecture from control.tar.gz', async () => {
    const result = await debControlFromHead(deb());
    expect(result?.identity).toEqual({
      package: 'hello',
      version: '1:2.10-3',
      architecture: 'amd64',
    });
    expect(result?.control.get('description')).toBe('greets\nmore');
  });

  it('reads an uncompressed control.tar whose member is named "control" without "./"', async () => {
    const result = await debControlFromHead(deb(['control.tar', controlTar(CONTROL, 'control')]));
    expect(result?.identity.package).toBe('hello');
  });

  it('skips members reserved with a leading underscore before the control member', async () => {
    const bytes = ar([
      ['debian-binary', '2.0\n'],
      ['_signature', 'odd-length'],
      ['control.tar.gz', gzipSync(controlTar())],
    ]);
    expect((await debControlFromHead(bytes))?.identity.version).toBe('1:2.10-3');
  });

  it('answers null while the head ends before the control member does', async () => {
    const whole = deb();
    expect(await debControlFromHead(whole.subarray(0, 4))).toBeNull();
    expect(await debControlFromHead(whole.subarray(0, 100))).toBeNull();
    expect(await debControlFromHead(whole.subarray(0, 200))).toBeNull();
  });

  it('needs only the bytes up to the end of the control member', async () => {
    const whole = deb();
    const controlEnd = whole.length - 5000 - 60;
    expect((await debControlFromHead(whole.subarray(0, controlEnd)))?.identity.package).toBe(
      'hello',
    );
  });

  it('refuses bytes that are not an ar archive as soon as the first bytes show it', async () => {
    expect(await codeOf(debControlFromHead(Buffer.from('PK\x03\x04')))).toBe('INVALID_DEB');
  });

  it('refuses a package that is not format 2.0', async () => {
    const bytes = ar([
      ['debian-binary', '3.0\n'],
      ['control.tar.gz', gzipSync(controlTar())],
    ]);
    expect(await codeOf(debControlFromHead(bytes))).toBe('INVALID_DEB');
  });

  it('refuses a package whose data comes before its control member', async () => {
    const bytes = ar([
      ['debian-binary', '2.0\n'],
      ['data.tar.gz', 'x'],
    ]);
    expect(await codeOf(debControlFromHead(bytes))).toBe('INVALID_DEB');
  });

  it.each(['Package', 'Version', 'Architecture'])(
    'refuses a control file without %s',
    async (field) => {
      const control = CONTROL.split('\n')
        .filter((line) => !line.startsWith(`${field}:`))
        .join('\n');
      expect(
        await codeOf(debControlFromHead(deb(['control.tar.gz', gzipSync(controlTar(control))]))),
      ).toBe('INVALID_DEB');
    },
  );

  it('refuses a control member with no control file, or a damaged one', async () => {
    const empty = tarArchive([{ name: './md5sums', data: 'x' }]);
    expect(await codeOf(debControlFromHead(deb(['control.tar', empty])))).toBe('INVALID_DEB');
    const damaged = gzipSync(controlTar());
    damaged[damaged.length - 6] = (damaged[damaged.length - 6] ?? 0) ^ 0xff;
    expect(await codeOf(debControlFromHead(deb(['control.tar.gz', damaged])))).toBe('INVALID_DEB');
  });

  it('refuses zstd control data with a message that names zstd', async () => {
    await expect(
      debControlFromHead(deb(['control.tar.zst', Buffer.from([0x28, 0xb5, 0x2f, 0xfd])])),
    ).rejects.toThrow(/zstd/);
  });
});

describe('readDebControl', () => {
  it('reads a .deb on disk', async () => {
    const file = join(dir, 'hello.deb');
    await writeFile(file, deb());
    expect((await readDebControl(file)).identity.architecture).toBe('amd64');
  });

  it('refuses a truncated .deb, naming the file', async () => {
    const file = join(dir, 'cut.deb');
    await writeFile(file, deb().subarray(0, 150));
    await expect(readDebControl(file)).rejects.toMatchObject({
      code: 'INVALID_DEB',
      message: expect.stringContaining('"cut.deb"') as string,
    });
  });

  it('refuses a file that is not a .deb', async () => {
    const file = join(dir, 'notes.deb');
    await writeFile(file, 'just some text, long enough to look at\n');
    expect(await codeOf(readDebControl(file))).toBe('INVALID_DEB');
  });
});
