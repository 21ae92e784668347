#!/usr/bin/env node
// Entry point for `npx countersign`: runs the bundled CLI built by `npm ci` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('countersign: the CLI is not built yet. Run: npm run build\n');
  process.exit(3);
}
await import(cli);
