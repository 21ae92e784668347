import { describe, expect, it } from 'vitest';
import {
  EVERY_STEP_DONE,
  SAMPLE_AT as AT,
  sampleOverview as overview,
  untouchedRelease as untouched,
} from '../../core/releases/testing/sampleReleases';
import { statusText } from './statusCommand';

describe('statusText', () => {
  it('prints a release walked to the end on one line, with nothing next', () => {
    const text = statusText(
      overview({
        ...untouched('v1.0.0'),
        ...EVERY_STEP_DONE,
        next: null,
      }),
    );
    expect(text.split('\n')).toEqual([
      'hello: 1 release',
      '',
      'v1.0.0  tag verified ✓ · rebuilt (reproducible) · compared: 3 identical, 1 differs · reviewed 1/1 · promoted 2026-12-02 to /srv/apt-prod · verified 2026-12-02  → next: —',
    ]);
  });

  it('aligns the columns, indents a candidate under its final release and says what is next', () => {
    const lines = statusText(
      overview(
        {
          ...untouched('v1.0.0'),
          tagVerified: { at: AT, signer: null },
          rebuilt: { at: AT, artifacts: 4, reproducible: false },
          next: 'compare',
        },
        untouched('v1.0.0-rc1', 'v1.0.0'),
        untouched('v2.0.0-rc1', 'v2.0.0'),
      ),
    ).split('\n');
    expect(lines[2]).toMatch(
      /^v1\.0\.0 {8}tag verified ✓ {3}· rebuilt \(NOT reproducible\) · not compared .*→ next: compare$/,
    );
    expect(lines[3]).toMatch(/^ {2}v1\.0\.0-rc1 {2}tag not verified · not rebuilt {16}· /);
    expect(lines[4]).toMatch(/^v2\.0\.0-rc1 {4}tag not verified/);
    expect(new Set(lines.slice(2).map((line) => line.indexOf('→')))).toHaveLength(1);
  });

  it('says when there is nothing to review, a failed verification, and a notice on its own line', () => {
    const text = statusText(
      overview({
        ...untouched('v1.0.0'),
        compared: { at: AT, identical: 2, differ: 0, onlyCi: 1, onlyLocal: 1 },
        reviewed: { decided: 0, total: 0 },
        verified: { at: AT, passed: false },
        notice: 'The audit log is broken at line 4.',
      }),
    );
    expect(text).toContain(
      'compared: 2 identical, ⚠ 1 only in CI, 1 only in the rebuild · nothing to review',
    );
    expect(text).toContain('verification FAILED 2026-12-02');
    expect(text.split('\n').at(-1)).toBe('    ! The audit log is broken at line 4.');
  });

  it('escapes control characters in text from git and disk', () => {
    const text = statusText(
      overview({
        ...untouched('v1\u001b[31m'),
        notice: 'bad\u0007',
        promoted: { at: AT, to: '/x\u001b' },
      }),
    );
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).toContain('v1\\u001b[31m');
  });

  it('says when the repository has no tags', () => {
    expect(statusText(overview())).toBe('hello: 0 releases (the repository has no tags yet)');
  });
});
