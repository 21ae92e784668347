import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { CountersignError } from '../../../shared/errors';

const run = promisify(execFile);

/** dpkg-deb, the way Debian's own tools call it: files owned by root, xz, a fixed timestamp. */
async function dpkgDeb(args: string[], epoch: number): Promise<void> {
  try {
    await run('dpkg-deb', ['--root-owner-group', '-Zxz', ...args], {
      env: { ...process.env, SOURCE_DATE_EPOCH: String(epoch), LC_ALL: 'C' },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CountersignError(
        'TOOL_MISSING',
        'dpkg-deb is needed to make the demo release.',
        'apt-get install dpkg',
      );
    }
    throw error;
  }
}

/**
 * Builds a .deb from a control paragraph and files, for the demo's extra
 * package that only CI has.
 */
export async function buildDeb(
  out: string,
  control: string,
  files: Record<string, string>,
  epoch: number,
): Promise<void> {
  const tree = await mkdtemp(join(tmpdir(), 'cs-deb-'));
  try {
    await mkdir(join(tree, 'DEBIAN'));
    await writeFile(join(tree, 'DEBIAN', 'control'), control);
    const sums: string[] = [];
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(tree, path)), { recursive: true });
      await writeFile(join(tree, path), text);
      sums.push(`${createHash('md5').update(text).digest('hex')}  ${path}`);
    }
    await writeFile(join(tree, 'DEBIAN', 'md5sums'), `${sums.join('\n')}\n`);
    await dpkgDeb(['--build', tree, out], epoch);
  } finally {
    await rm(tree, { recursive: true, force: true });
  }
}

/**
 * Rewrites one file inside a .deb (and its md5sums line, as a real build
 * would), so the package differs from the original in exactly that file.
 */
export async function rewriteFileInDeb(
  deb: string,
  out: string,
  path: string,
  change: (text: string) => string,
  epoch: number,
): Promise<void> {
  const tree = await mkdtemp(join(tmpdir(), 'cs-deb-'));
  try {
    const root = join(tree, 'root');
    await run('dpkg-deb', ['-R', deb, root]);
    const text = change(await readFile(join(root, path), 'utf8'));
    await writeFile(join(root, path), text);
    const sumsFile = join(root, 'DEBIAN', 'md5sums');
    const sums = await readFile(sumsFile, 'utf8');
    const md5 = createHash('md5').update(text).digest('hex');
    await writeFile(
      sumsFile,
      sums
        .split('\n')
        .map((line) => (line.endsWith(`  ${path}`) ? `${md5}  ${path}` : line))
        .join('\n'),
    );
    await dpkgDeb(['--build', root, out], epoch);
  } finally {
    await rm(tree, { recursive: true, force: true });
  }
}
