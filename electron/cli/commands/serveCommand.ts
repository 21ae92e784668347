import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CountersignError } from '../../../shared/errors';
import { checkProject, createCountersignCore } from '../../core/countersignCore';
import { startBrowserServer } from '../../server/browserServer';
import { parseOptions } from '../parseOptions';

export const serveUsage = 'countersign serve [--project FILE] [--port N] [--json]';

/** The built renderer, beside this bundle (out/cli → out/renderer). */
export function rendererDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url));
}

/**
 * `countersign serve`: browser mode on 127.0.0.1 with a fresh token; runs
 * until interrupted. Without --project it opens on the start screen.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    { project: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' } },
    serveUsage,
  );
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `--port must be a port number, not ${JSON.stringify(values.port)}.`,
    );
  }
  // Refuse a bad project now, not on the first click; without one, the start screen opens.
  if (values.project) await checkProject(values.project);
  const dir = rendererDir();
  if (!existsSync(`${dir}index.html`)) {
    throw new CountersignError(
      'TOOL_MISSING',
      'The user interface has not been built.',
      'Run: npm run build',
    );
  }
  const server = await startBrowserServer({
    core: createCountersignCore(values.project ?? null),
    rendererDir: dir,
    port,
  }).catch((error: unknown) => {
    throw new CountersignError(
      'INVALID_REQUEST',
      `Countersign could not listen on 127.0.0.1:${port}.`,
      error instanceof Error ? error.message : undefined,
    );
  });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ url: server.url, origin: server.origin, token: server.token })}\n`,
    );
  } else {
    process.stdout.write(
      `Countersign is serving on ${server.url}\nOpen that URL in a browser on this computer; press Ctrl+C to stop.\n`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
