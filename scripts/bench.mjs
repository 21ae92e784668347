// `npm run bench`: every capability's benchmark, each printed as a ratio
// against the tool a user would otherwise run, measured side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

if (!existsSync('out/cli/main.js'))
  spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
for (const file of readdirSync('bench').filter((name) => name.endsWith('.bench.ts'))) {
  console.log(`\n== ${file}`);
  const run = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
