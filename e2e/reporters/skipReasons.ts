import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * The list reporter shows a skipped test as a dash. This prints why it was
 * skipped, so a run that did not exercise something says so plainly.
 */
export default class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((annotation) => annotation.type === 'skip')?.description;
    this.skipped.push(
      `  skipped: ${test.titlePath().slice(1).join(' › ')}\n    why: ${reason ?? 'no reason given'}`,
    );
  }

  onEnd(): void {
    if (this.skipped.length === 0) return;
    process.stdout.write(`\nSkipped tests and why:\n${this.skipped.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
