import { createReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { CountersignError } from '../../../../shared/errors';
import { cancelledIfAborted, tooLarge } from './locationErrors';
import type { ByteRange, RepositoryLocation } from './repositoryLocation';

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? String(error);
}

function isMissing(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** A repository in a local folder (or a mounted share). */
export class LocalRepository implements RepositoryLocation {
  readonly display: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.display = this.root;
  }

  private unreadable(detail: string): CountersignError {
    return new CountersignError(
      'REPOSITORY_UNREACHABLE',
      `The repository folder ${this.display} cannot be read (${detail}).`,
      'Check that the path is right and the folder (or the share it lives on) is mounted and readable.',
    );
  }

  private pathOf(path: string[]): string {
    return [this.root, ...path].join(sep);
  }

  /** A missing file is normal (a partial mirror); a missing root is not. */
  private async checkRoot(): Promise<void> {
    let isFolder: boolean;
    try {
      isFolder = (await stat(this.root)).isDirectory();
    } catch (error) {
      throw this.unreadable(codeOf(error));
    }
    if (!isFolder) throw this.unreadable('it is not a folder');
  }

  async readSmallFile(
    path: string[],
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array | null> {
    cancelledIfAborted(signal);
    let handle;
    try {
      handle = await open(this.pathOf(path), 'r');
    } catch (error) {
      if (!isMissing(error)) throw this.unreadable(codeOf(error));
      await this.checkRoot();
      return null;
    }
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw tooLarge(this.display, path, maxBytes);
      // Read to the end rather than trusting stat: the file may grow meanwhile.
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const buffer = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1 - total) || 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes) throw tooLarge(this.display, path, maxBytes);
        chunks.push(buffer.subarray(0, bytesRead));
        cancelledIfAborted(signal);
      }
      return new Uint8Array(Buffer.concat(chunks, total));
    } catch (error) {
      if (error instanceof CountersignError) throw error;
      throw this.unreadable(codeOf(error));
    } finally {
      await handle.close();
    }
  }

  async listSuites(): Promise<string[]> {
    await this.checkRoot();
    const dists = this.pathOf(['dists']);
    let names: string[];
    try {
      names = await readdir(dists);
    } catch (error) {
      if (isMissing(error)) return [];
      throw this.unreadable(codeOf(error));
    }
    // dists/stable is often a symlink to dists/bookworm: one suite, two names.
    // The real folder's name wins.
    const byTarget = new Map<string, string>();
    for (const name of names.sort()) {
      const full = [dists, name].join(sep);
      try {
        if (!(await stat(full)).isDirectory()) continue;
        const target = await realpath(full);
        const isReal = target === full;
        if (!byTarget.has(target) || isReal) byTarget.set(target, name);
      } catch {
        continue; // a dangling link is not a suite
      }
    }
    return [...byTarget.values()].sort();
  }

  async openRange(path: string[], offset: number, signal?: AbortSignal): Promise<ByteRange | null> {
    cancelledIfAborted(signal);
    const file = this.pathOf(path);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw this.unreadable(codeOf(error));
    }
    const start = offset <= size ? offset : 0;
    return {
      start,
      body: createReadStream(file, { start, ...(signal ? { signal } : {}) }),
    };
  }
}
