import { describe, expect, it } from 'vitest';
import { compareRebuilds } from './compareRebuilds';

const artifact = (name: string, sha256: string) => ({ name, sha256, size: 1 });

describe('compareRebuilds', () => {
  it('calls two builds reproducible when every package is byte-identical', () => {
    const report = compareRebuilds(
      [artifact('a.deb', '1'), artifact('a.buildinfo', 'x')],
      [artifact('a.deb', '1'), artifact('a.buildinfo', 'y')],
    );
    expect(report).toEqual({ reproducible: true, differing: [], compared: ['a.deb'] });
  });

  it('names a package whose bytes differ, and one only one build made', () => {
    const report = compareRebuilds(
      [artifact('a.deb', '1'), artifact('b.deb', '2')],
      [artifact('a.deb', '9')],
    );
    expect(report.reproducible).toBe(false);
    expect(report.differing).toEqual(['a.deb', 'b.deb']);
  });
});
