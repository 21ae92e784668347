/**
 * The body of a hashing worker thread, as source text. Workers are started with
 * `eval: true` so the same code runs from the TypeScript sources (tests), the
 * esbuild bundles and a packaged app without a separate worker file to find.
 * It reads each file through one reused buffer (constant memory whatever the
 * size) and posts progress every few megabytes. A task may also ask for the
 * MD5 from the same pass and for a copy of the file's first bytes (`head`),
 * so a caller can parse a header from exactly the bytes that were hashed.
 */
export const HASH_WORKER_SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync, fstatSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(1 << 20);
const PROGRESS_EVERY = 8 << 20;
function hashOne(file, task) {
  let fd = -1;
  try {
    fd = openSync(file.path, 'r');
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    const hash = createHash('sha256');
    const md5 = task.md5 ? createHash('md5') : null;
    // A copy with its own ArrayBuffer: posting a view of the shared buffer would clone all of it.
    let head = task.head > 0 ? new Uint8Array(0) : undefined;
    let size = 0;
    let sinceProgress = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const chunk = read === buffer.length ? buffer : buffer.subarray(0, read);
      hash.update(chunk);
      if (md5) md5.update(chunk);
      if (head && size === 0) head = new Uint8Array(chunk.subarray(0, task.head));
      size += read;
      sinceProgress += read;
      if (sinceProgress >= PROGRESS_EVERY) {
        parentPort.postMessage({ type: 'progress', bytes: sinceProgress });
        sinceProgress = 0;
      }
    }
    const done = { id: file.id, bytes: sinceProgress, size, sha256: hash.digest('hex') };
    if (md5) done.md5 = md5.digest('hex');
    if (head) done.head = head;
    return done;
  } finally {
    if (fd !== -1) closeSync(fd);
  }
}
// A task is a batch of files: one message each way per batch, not per file,
// because for files of a few kilobytes the messages cost more than the hashing.
parentPort.on('message', (task) => {
  const results = [];
  for (const file of task.files) {
    try {
      results.push(hashOne(file, task));
    } catch (error) {
      parentPort.postMessage({ type: 'error', id: file.id, code: error.code || 'EIO', message: String(error.message) });
      return;
    }
  }
  const heads = results.filter((result) => result.head).map((result) => result.head.buffer);
  parentPort.postMessage({ type: 'done', results }, heads);
});
`;
