import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type { DebIdentity } from '../../../../shared/compare';
import { CountersignError } from '../../../../shared/errors';
import { tarBytes } from '../archive/decompressStream';
import { readTarStream } from '../archive/tarReader';
import { parseDeb822, type Deb822Paragraph } from './deb822';
import { invalidDeb } from './debErrors';
import { plainTarControl } from './plainTarControl';

/** Control tarballs hold a few scripts and md5sums; these bounds are far above any real one. */
const CONTROL_TAR_LIMITS = { maxTotalBytes: 256 * 1024 * 1024, maxEntries: 10_000 };
const MAX_CONTROL_FILE = 1024 * 1024;

/** The control member's compression, from its name as dpkg-deb writes it. */
export function controlCompression(name: string): 'tar' | 'gzip' | 'xz' | null {
  if (name === 'control.tar') return 'tar';
  if (name === 'control.tar.gz') return 'gzip';
  if (name === 'control.tar.xz') return 'xz';
  if (name === 'control.tar.zst') {
    throw new CountersignError(
      'INVALID_DEB',
      'The package compresses its control data with zstd, which Countersign cannot read yet.',
      'Rebuild the package with "dpkg-deb -Zxz" (or -Zgzip), or compare it as a plain file.',
    );
  }
  if (name.startsWith('control.tar.')) {
    throw invalidDeb(
      `The package's control member ${JSON.stringify(name)} uses an unknown compression.`,
    );
  }
  return null;
}

/** Gunzips a control member in one call, bounded; damage is the package's fault. */
function gunzipControl(name: string, data: Buffer): Buffer {
  try {
    return gunzipSync(data, { maxOutputLength: CONTROL_TAR_LIMITS.maxTotalBytes });
  } catch (error) {
    throw invalidDeb(
      `The package's ${name} is not readable: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The control member as plain tar bytes, decompressed in memory within the bounds. */
async function controlTar(
  name: string,
  format: 'tar' | 'gzip' | 'xz',
  data: Buffer,
): Promise<Buffer> {
  if (format === 'tar') return data;
  if (format === 'gzip') return gunzipControl(name, data);
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of tarBytes('xz', [data])) {
      total += chunk.length;
      if (total > CONTROL_TAR_LIMITS.maxTotalBytes) {
        throw invalidDeb(`The package's ${name} unpacks to more than any control data needs.`);
      }
      parts.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (!(error instanceof CountersignError) || error.code === 'INVALID_DEB') throw error;
    throw invalidDeb(`The package's ${name} is not readable: ${error.message}`);
  }
  return Buffer.concat(parts);
}

/** The `control` file's text from the control member's bytes. */
async function controlText(name: string, data: Buffer): Promise<string> {
  const tar = await controlTar(name, controlCompression(name) ?? 'tar', data);
  const quick = plainTarControl(tar, MAX_CONTROL_FILE);
  if (quick) return quick.toString('utf8');
  const found: { control?: Buffer } = {};
  try {
    await readTarStream(
      Readable.from([tar]),
      async (entry) => {
        if (entry.path !== 'control') return; // the reader drains what we leave
        if (entry.size > MAX_CONTROL_FILE) {
          throw invalidDeb(
            `The package's control file is implausibly large (${entry.size} bytes).`,
          );
        }
        const parts: Buffer[] = [];
        for await (const chunk of entry.stream as AsyncIterable<Buffer>) parts.push(chunk);
        found.control = Buffer.concat(parts);
      },
      { limits: CONTROL_TAR_LIMITS },
    );
  } catch (error) {
    if (!(error instanceof CountersignError) || error.code === 'INVALID_DEB') throw error;
    throw invalidDeb(`The package's ${name} is not readable: ${error.message}`);
  }
  if (found.control === undefined) throw invalidDeb(`The package's ${name} has no "control" file.`);
  return found.control.toString('utf8');
}

/**
 * Reads the first paragraph of the control file in a control member
 * (control.tar, .tar.gz or .tar.xz) and checks that it names the package.
 */
export async function parseControlMember(
  name: string,
  data: Buffer,
): Promise<{ identity: DebIdentity; control: Deb822Paragraph }> {
  const text = await controlText(name, data);
  let control: Deb822Paragraph | undefined;
  try {
    control = parseDeb822(text)[0];
  } catch (error) {
    throw invalidDeb(
      `The package's control file is malformed: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  const field = (key: string): string => {
    const value = control?.get(key)?.trim();
    if (!value) throw invalidDeb(`The package's control file has no ${key} field.`);
    return value;
  };
  if (!control) throw invalidDeb("The package's control file is empty.");
  return {
    identity: {
      package: field('Package'),
      version: field('Version'),
      architecture: field('Architecture'),
    },
    control,
  };
}
