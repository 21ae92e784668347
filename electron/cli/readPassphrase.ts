import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CountersignError } from '../../shared/errors';

/**
 * The release key's passphrase, for the CLI. It comes from a file or an open
 * file descriptor (`--passphrase-file`, `--passphrase-fd` as in GnuPG), never
 * from the command line: argv is readable by every user of the machine
 * (/proc/PID/cmdline, ps) and lands in shell history. The caller refuses it
 * there; these functions never see it in argv.
 */

// A passphrase is short; a larger "passphrase" is the wrong file.
const MAX_PASSPHRASE_BYTES = 64 * 1024;

const fromFileHint =
  'Put the passphrase alone on the first line of the file (a final newline is allowed).';

/** Strips exactly one final line end, as `echo secret > file` adds one; keeps the rest. */
function passphraseFrom(bytes: Buffer, source: string): string {
  if (bytes.length > MAX_PASSPHRASE_BYTES) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${source} is larger than 64 KiB, which is no passphrase.`,
      fromFileHint,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${source} is not UTF-8 text.`,
      'Save the passphrase as UTF-8, as GnuPG reads it from a terminal.',
    );
  }
  const passphrase = text.endsWith('\r\n')
    ? text.slice(0, -2)
    : text.endsWith('\n')
      ? text.slice(0, -1)
      : text;
  if (passphrase === '') {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${source} holds an empty passphrase.`,
      fromFileHint,
    );
  }
  return passphrase;
}

/** Reads the passphrase from a file (or a named pipe, such as bash's `<(…)`). */
export async function readPassphraseFile(path: string): Promise<string> {
  const source = `The passphrase file ${JSON.stringify(path)}`;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CountersignError(
      'PASSPHRASE_UNREADABLE',
      code === 'ENOENT'
        ? `${source} does not exist.`
        : `${source} cannot be read (${code ?? 'error'}).`,
      'Check the path, and that this user may read the file.',
    );
  }
  return passphraseFrom(bytes, source);
}

/**
 * Reads the passphrase from an open file descriptor to its end, as
 * `gpg --passphrase-fd` does. The descriptor stays open: it belongs to the caller.
 */
export async function readPassphraseFd(fd: number): Promise<string> {
  const source = `The passphrase on file descriptor ${fd}`;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const stream = createReadStream('', { fd, autoClose: false });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_PASSPHRASE_BYTES) {
        stream.destroy();
        break;
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CountersignError(
      'PASSPHRASE_UNREADABLE',
      `${source} cannot be read (${code ?? 'error'}).`,
      `Open the descriptor for reading when starting Countersign, e.g. ${fd}<passphrase.txt.`,
    );
  }
  return passphraseFrom(Buffer.concat(chunks), source);
}

/** The passphrase options a signing command takes, as parseOptions gives them. */
export interface PassphraseOptions {
  'passphrase-file'?: string | undefined;
  'passphrase-fd'?: string | undefined;
}

/**
 * The passphrase from `--passphrase-file` or `--passphrase-fd` (one of
 * them, required): `needed` says which key wants it, `usage` is the
 * command's own usage for the refusal.
 */
export async function passphraseOption(
  values: PassphraseOptions,
  needed: string,
  usage: string,
): Promise<string> {
  const refuse = (message: string) =>
    new CountersignError('INVALID_REQUEST', message, `Usage: ${usage}`);
  if (values['passphrase-file'] && values['passphrase-fd']) {
    throw refuse('Give --passphrase-file or --passphrase-fd, not both.');
  }
  if (values['passphrase-file']) return readPassphraseFile(values['passphrase-file']);
  if (values['passphrase-fd'] !== undefined) {
    const fd = Number(values['passphrase-fd']);
    if (!Number.isInteger(fd) || fd < 0) {
      throw refuse('--passphrase-fd takes a file descriptor number.');
    }
    return readPassphraseFd(fd);
  }
  throw refuse(
    `${needed}: give --passphrase-file FILE or --passphrase-fd N (never on the command line).`,
  );
}
