import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { checkRatio, RATIO_GRACE_BYTES, resolveArchiveLimits, UnpackBudget } from './archiveLimits';

function codeOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

describe('checkRatio', () => {
  it('lets a small, very compressible file through', () => {
    expect(codeOf(() => checkRatio(RATIO_GRACE_BYTES, 10, 200, 'x'))).toBeNull();
  });

  it('refuses more than the ratio once past the grace bytes', () => {
    expect(codeOf(() => checkRatio(RATIO_GRACE_BYTES + 1, 1000, 200, 'x'))).toBe('ARCHIVE_RATIO');
    expect(codeOf(() => checkRatio(200 * 10_000, 10_000, 200, 'x'))).toBeNull();
  });
});

describe('UnpackBudget', () => {
  it('refuses actual bytes over the total', () => {
    const budget = new UnpackBudget(resolveArchiveLimits({ maxTotalBytes: 1000, maxRatio: 1e9 }));
    budget.addCompressed(10_000);
    budget.addUnpacked(600);
    expect(codeOf(() => budget.addUnpacked(600))).toBe('ARCHIVE_TOO_LARGE');
  });

  it('refuses the archive ratio while bytes stream, not only at the end', () => {
    const budget = new UnpackBudget(resolveArchiveLimits({ maxRatio: 10 }));
    budget.addCompressed(200_000);
    expect(codeOf(() => budget.addUnpacked(1_900_000))).toBeNull();
    expect(codeOf(() => budget.addUnpacked(200_000))).toBe('ARCHIVE_RATIO');
  });

  it('refuses one entry more than allowed', () => {
    const budget = new UnpackBudget(resolveArchiveLimits({ maxEntries: 2 }));
    budget.countEntry();
    budget.countEntry();
    expect(codeOf(() => budget.countEntry())).toBe('ARCHIVE_TOO_LARGE');
  });
});
