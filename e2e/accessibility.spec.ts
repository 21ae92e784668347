import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDemoRelease,
  startServer,
  type DemoRelease,
  type ServedApp,
} from './fixtures/countersignServer';
import { acceptAllWithCli } from './fixtures/promoteRelease';
import { compareWithCli } from './fixtures/reviewRelease';
import { rebuildWithCli } from './fixtures/savedComparison';

/**
 * axe-core on every view of the demo, in both themes and at both window sizes:
 * a serious or critical violation fails the walk. Moderate and minor ones are
 * printed and attached, not failed.
 */

const THEMES = ['light', 'dark'] as const;
const SIZES = [
  { width: 1360, height: 900 },
  { width: 1024, height: 700 },
] as const;
const FAILING_IMPACTS = new Set(['serious', 'critical']);

interface Finding {
  view: string;
  theme: (typeof THEMES)[number];
  size: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The demo taken through steps 2 to 4 with the CLI, served once for the whole file. */
interface ServedRelease {
  home: string;
  demo: DemoRelease;
  app: ServedApp;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

// Worker-scoped: the demo (Docker) is made, rebuilt, compared and reviewed once per file.
const test = base.extend<object, { release: ServedRelease }>({
  release: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument.
    async ({}, use) => {
      const home = await mkdtemp(join(tmpdir(), 'countersign-e2e-a11y-'));
      try {
        const demo = await createDemoRelease(home);
        await rebuildWithCli(demo.projectFile, home, demo.tags.release);
        await compareWithCli(demo.projectFile, home, demo.tags.release);
        await acceptAllWithCli(home, demo);
        const server = await startServer(demo.projectFile, home);
        try {
          await use({ home, demo, app: server.app });
        } finally {
          await stop(server.child);
        }
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 900_000 },
  ],
});

/** Runs axe on the page as it is, in each theme and window size; collects every violation. */
async function checkView(page: Page, view: string, findings: Finding[]): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        findings.push({
          view,
          theme,
          size: `${size.width}×${size.height}`,
          id: violation.id,
          impact: violation.impact ?? 'unknown',
          help: violation.help,
          // Each node's target, and what axe measured there (a contrast ratio, a missing id…).
          targets: violation.nodes.map((node) => {
            const check = [...node.any, ...node.all, ...node.none][0];
            return check ? `${node.target.join(' ')} — ${check.message}` : node.target.join(' ');
          }),
        });
      }
    }
  }
  await page.setViewportSize(SIZES[0]);
  await page.emulateMedia({ colorScheme: 'light' });
}

const describe = (finding: Finding) =>
  `${finding.view} [${finding.theme}, ${finding.size}] ${finding.id} (${finding.impact}): ${finding.help}\n` +
  finding.targets.map((target) => `    ${target}`).join('\n');

/** Prints every finding and keeps them as a file and an attachment. */
async function report(findings: Finding[], testInfo: TestInfo, checked: string[]): Promise<void> {
  const text = findings.length === 0 ? 'no violations' : findings.map(describe).join('\n');
  console.log(
    `axe on ${checked.length} views × 2 themes × 2 sizes: ${checked.join(', ')}\n${text}`,
  );
  const file = testInfo.outputPath('axe-violations.json');
  await writeFile(file, JSON.stringify(findings, null, 2));
  await testInfo.attach('axe-violations.json', { path: file, contentType: 'application/json' });
}

/** Opens a step by its tab, once it is available. */
async function openStep(page: Page, step: string): Promise<void> {
  const tab = page.getByTestId(`step-${step}`);
  await expect(tab).not.toHaveAttribute('aria-disabled', 'true');
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

const packageOf = (debName: string) => debName.split('_')[0] ?? debName;

test.describe('Accessibility: axe-core on every view, both themes, 1360×900 and 1024×700', () => {
  test('the demo release, from its tag to a verified apt-prod, and the start screen', async ({
    page,
    release,
  }, testInfo) => {
    test.setTimeout(600_000);
    const { demo, app } = release;
    if (!demo.ci) throw new Error('This spec needs the demo made with CI (Docker).');
    const differing = packageOf(demo.ci.differs);
    const findings: Finding[] = [];
    const checked: string[] = [];
    const check = async (view: string) => {
      await test.step(`axe: ${view}`, () => checkView(page, view, findings));
      checked.push(view);
    };

    // What was found is printed even when the walk itself stops on the way.
    try {
      await walk();
    } finally {
      await report(findings, testInfo, checked);
    }
    const failing = findings.filter((finding) => FAILING_IMPACTS.has(finding.impact));
    expect(failing.map(describe), 'serious or critical axe violations').toEqual([]);

    async function walk(): Promise<void> {
      await page.goto(app.url);
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);

      await page.getByLabel('Tag name').fill(demo.tags.release);
      await page.getByLabel('Tag name').press('Enter');
      await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
      await check('Tag (verified)');

      await openStep(page, 'rebuild');
      await expect(page.getByTestId('rebuild-tag')).toHaveText(demo.tags.release);
      await check('Rebuild');

      await openStep(page, 'compare');
      const row = page.locator(`[data-testid="compare-row"][data-package="${differing}"]`);
      await expect(row).toHaveAttribute('data-status', 'differs');
      await check('Compare');

      await row.getByRole('button', { name: 'Review differences' }).click();
      await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('review-report')).toHaveAttribute('data-state', 'ready', {
        timeout: 240_000,
      });
      await page.locator('[data-testid="review-node"][data-name*="README"]').click();
      await expect(page.getByTestId('review-diff')).toBeVisible();
      await expect(
        page.locator('[data-testid="review-node"][data-explained="true"]'),
      ).not.toHaveCount(0);
      await check('Review (diff open)');

      await openStep(page, 'promote');
      const plan = page.getByTestId('promote-plan');
      await expect(plan).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
      await check('Promote (plan)');

      await page.getByTestId('promote-passphrase').fill(demo.releaseKey.passphrase);
      await page.getByTestId('promote-publish-confirm').click();
      await expect(page.getByTestId('promote-result')).toBeVisible({ timeout: 120_000 });
      await check('Promote (published)');

      await openStep(page, 'verify');
      await page.getByTestId('verify-repo-button').click();
      // The verdict, or the alert saying why there is none: either way the view is what QA reads.
      await expect(
        page.getByTestId('verify-repo-verdict').or(page.getByRole('alert')).first(),
      ).toBeVisible({ timeout: 120_000 });
      await expect(page.getByTestId('audit-entry').first()).toBeVisible({ timeout: 30_000 });
      await check('Verify (result and audit history)');

      await page.getByTestId('releases-button').click();
      await expect(page.getByRole('table', { name: /Releases/ })).toBeVisible();
      await check('Releases overview');
      await page.getByTestId('releases-button').click();

      await page.getByTestId('job-drawer-toggle').click();
      const drawer = page.getByTestId('job-drawer');
      await expect(drawer).toBeVisible();
      await expect(drawer.getByTestId('job-card').first()).toBeVisible();
      await check('Jobs drawer');
      await page.getByTestId('job-drawer-toggle').click();

      await page.getByRole('button', { name: 'Switch project…' }).click();
      await expect(page.getByRole('heading', { name: 'Switch project' })).toBeVisible();
      await check('Start screen');

      await page.getByRole('button', { name: 'New project…' }).click();
      await expect(page.getByRole('heading', { name: 'New project', level: 2 })).toBeVisible();
      await check('New project wizard');
    }
  });
});
