import { describe, expect, it } from 'vitest';
import { parseDiffoscopeReport } from '../reportTree';
import { commentLines, reportText } from './reportText';

describe('reportText', () => {
  it('gives a text file’s diff as diffoscope wrote it', () => {
    expect(
      reportText({
        source1: '/t/ci/member',
        source2: '/t/local/member',
        unified_diff: '@@ -1 +1 @@\n-a\n+b\n',
      }),
    ).toBe('@@ -1 +1 @@\n-a\n+b\n');
  });

  it('gives nested nodes in tree order, each headed by its names and its comments', () => {
    const text = reportText({
      source1: '/t/ci/member',
      source2: '/t/local/member',
      comments: ['Files differ'],
      details: [
        {
          source1: 'readelf --wide --symbols {}',
          source2: 'readelf --wide --symbols {}',
          unified_diff: '@@ -1 +1 @@\n-x\n+y\n',
        },
        { source1: 'a', source2: 'b', comments: ['Format-specific differences are supported'] },
      ],
    });
    expect(text).toBe(
      [
        '# Files differ',
        '# ── readelf --wide --symbols {}',
        '@@ -1 +1 @@',
        '-x',
        '+y',
        '# ── a ↔ b',
        '# Format-specific differences are supported',
        '',
      ].join('\n'),
    );
  });

  it('keeps a newline in a name or comment from forging a diff line', () => {
    const text = reportText({
      source1: 'x',
      source2: 'x',
      comments: ['harmless\n+injected added line\r-and removed'],
    });
    expect(
      text
        .split('\n')
        .filter((line) => line !== '')
        .every((line) => line.startsWith('#')),
    ).toBe(true);
    expect(commentLines('a\n\nb')).toBe('# a\n#\n# b');
  });

  it('gives nothing for a report with no diffs or comments', () => {
    expect(reportText({ source1: 'a', source2: 'b' })).toBe('');
  });
});

describe('parseDiffoscopeReport', () => {
  it('accepts a report as diffoscope --json writes it', () => {
    const report = JSON.parse(
      '{"diffoscope-json-version": 1, "source1": "a", "source2": "b", "unified_diff": null, "details": [{"source1": "c", "source2": "c", "comments": ["x"]}]}',
    ) as unknown;
    expect(parseDiffoscopeReport(report).details?.[0]?.comments).toEqual(['x']);
  });

  it.each([
    null,
    [],
    { source1: 'a' },
    { source1: 'a', source2: 'b', details: [{ source1: 1, source2: 'x' }] },
    { source1: 'a', source2: 'b', comments: [3] },
  ])('refuses a malformed report: %j', (report) => {
    expect(() => parseDiffoscopeReport(report)).toThrow(/malformed|not text/);
  });
});
