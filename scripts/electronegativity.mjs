// Scans the built app (out/) with Electronegativity, as Electron 42, and fails on
// any finding of medium or higher severity that scripts/electronegativity.allow.json
// does not list with a reason; an entry that no longer matches anything fails too,
// so the list only ever holds what is still true. It also checks our CSP with the
// scanner's own parser (csp-evaluator): the scanner cannot read a policy the main
// process takes from a constant, so the policy is parsed here, and the copy in the
// built index.html must be that same policy. Run after `node scripts/build.mjs`.
//
//   node scripts/electronegativity.mjs [--out test-results/electronegativity.json]
import cspEvaluator from '@doyensec/csp-evaluator';
import runElectronegativity from '@doyensec/electronegativity';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const { CspEvaluator, CspParser, severities, Version } = cspEvaluator;
const ELECTRON_VERSION = '42.0.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const allowListFile = join(root, 'scripts', 'electronegativity.allow.json');
const gated = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'test-results/electronegativity.json' } },
});
const reportFile = join(root, values.out);
const problems = [];

async function scan() {
  if (!existsSync(join(root, 'out', 'main', 'main.js'))) {
    console.error('out/ is missing: build first with `node scripts/build.mjs`.');
    process.exit(2);
  }
  // The scanner's API rather than its CLI: its --output writes the CSV header and the rows
  // with two racing writes, and its SARIF carries no severity.
  // AvailableSecurityFixesGlobalCheck asks GitHub for Electron's releases: a scan whose
  // verdict depended on the network would be a flaky test (npm audit covers it).
  const { issues, errors } = await runElectronegativity({
    input: join(root, 'out'),
    electronVersionOverride: ELECTRON_VERSION,
    isRelative: true,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
  // A file it could not parse is code nobody scanned.
  for (const error of errors) {
    if (error.tolerable) console.log(`  note: ${error.file}: ${error.message}`);
    else problems.push(`the scanner could not parse ${error.file}: ${error.message}`);
  }
  const findings = issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file,
    location: `${issue.location.line}:${issue.location.column}`,
    sample: issue.sample ?? '',
    description: issue.description,
  }));
  mkdirSync(dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, `${JSON.stringify(findings, null, 2)}\n`);
  return findings;
}

const allowList = JSON.parse(readFileSync(allowListFile, 'utf8')).findings;
for (const entry of allowList) {
  if (!entry.check || !entry.file || !entry.reason?.trim()) {
    problems.push(`allow-list entry without check, file or reason: ${JSON.stringify(entry)}`);
  }
}
const allowedBy = (finding) =>
  allowList.find(
    (entry) =>
      entry.check === finding.check &&
      entry.file === finding.file &&
      (entry.sample === undefined || finding.sample.includes(entry.sample)),
  );

const findings = await scan();
const used = new Set();
console.log(
  `Electronegativity on out/ as Electron ${ELECTRON_VERSION}: ${findings.length} findings`,
);
for (const finding of findings) {
  const entry = allowedBy(finding);
  if (entry) used.add(entry);
  const verdict = entry ? 'allowed' : gated.has(finding.severity) ? 'NOT ALLOWED' : 'below medium';
  console.log(
    `  ${finding.severity.padEnd(8)} ${finding.confidence.padEnd(9)} ${finding.check} ` +
      `${finding.file}:${finding.location}  ${finding.description}  [${verdict}]` +
      (finding.sample && finding.sample !== 'N/A' ? `\n      ${finding.sample.slice(0, 160)}` : ''),
  );
  if (!entry && gated.has(finding.severity)) {
    problems.push(
      `${finding.check} (${finding.severity}) at ${finding.file}:${finding.location}: fix it, or add it to scripts/electronegativity.allow.json with the reason it is safe`,
    );
  }
}
for (const entry of allowList) {
  if (!used.has(entry)) {
    problems.push(
      `allow-list entry matches no finding any more, remove it: ${entry.check} in ${entry.file}`,
    );
  }
}

// The CSP, parsed and judged by the scanner's own evaluator.
const { CONTENT_SECURITY_POLICY } = await tsImport(
  join(root, 'shared', 'contentSecurityPolicy.ts'),
  import.meta.url,
);
try {
  const parsed = new CspParser(CONTENT_SECURITY_POLICY).csp;
  const notes = new CspEvaluator(parsed, Version.CSP3).evaluate();
  const serious = notes.filter((note) =>
    [severities.HIGH, severities.SYNTAX, severities.MEDIUM].includes(note.severity),
  );
  console.log(`CSP (shared/contentSecurityPolicy.ts) parses: ${CONTENT_SECURITY_POLICY}`);
  for (const note of notes) console.log(`  note on ${note.directive}: ${note.description}`);
  for (const note of serious) problems.push(`CSP ${note.directive}: ${note.description}`);
} catch (error) {
  problems.push(`CSP does not parse: ${String(error)}`);
}
// Browsers ignore frame-ancestors in a <meta> policy (and warn), so the meta copy leaves it out.
const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
const html = readFileSync(join(root, 'out', 'renderer', 'index.html'), 'utf8');
const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
if (meta !== metaPolicy) {
  problems.push(
    `out/renderer/index.html's CSP meta tag is not shared/contentSecurityPolicy.ts's policy:\n  meta:   ${meta}\n  policy: ${metaPolicy}`,
  );
}

if (problems.length > 0) {
  console.error(`\nElectronegativity: ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `Electronegativity: no finding of medium or higher severity outside the allow-list (${used.size} allowed, each with its reason).`,
);
