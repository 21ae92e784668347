import { describe, expect, it } from 'vitest';
import { orderReleases, type Orderable } from './orderReleases';

const release = (tag: string, taggedAt: string | null, candidateOf: string | null = null) => ({
  tag,
  taggedAt,
  candidateOf,
});
const tags = (list: Orderable[]) => orderReleases(list).map(({ tag }) => tag);

describe('orderReleases', () => {
  it('lists releases newest first by tag date', () => {
    expect(
      tags([
        release('v1.0.0', '2026-01-01T00:00:00Z'),
        release('v2.0.0', '2026-06-01T00:00:00Z'),
        release('v1.5.0', '2026-03-01T00:00:00+02:00'),
      ]),
    ).toEqual(['v2.0.0', 'v1.5.0', 'v1.0.0']);
  });

  it('places each release candidate right after its final release, newest candidate first', () => {
    expect(
      tags([
        release('v1.0.0-rc1', '2026-01-01T00:00:00Z', 'v1.0.0'),
        release('v1.0.0-rc2', '2026-01-05T00:00:00Z', 'v1.0.0'),
        release('v1.0.0', '2026-01-10T00:00:00Z'),
        release('v1.1.0', '2026-02-01T00:00:00Z'),
        release('v1.0.1', '2026-01-20T00:00:00Z'),
      ]),
    ).toEqual(['v1.1.0', 'v1.0.1', 'v1.0.0', 'v1.0.0-rc2', 'v1.0.0-rc1']);
  });

  it('keeps a candidate whose final release is not tagged yet in its own place', () => {
    expect(
      tags([
        release('v1.0.0', '2026-01-10T00:00:00Z'),
        release('v2.0.0-rc1', '2026-03-01T00:00:00Z', 'v2.0.0'),
      ]),
    ).toEqual(['v2.0.0-rc1', 'v1.0.0']);
  });

  it('puts undated tags last and breaks ties by name', () => {
    expect(
      tags([
        release('b', null),
        release('a', null),
        release('v1', '2026-01-01T00:00:00Z'),
        release('v0', '2026-01-01T00:00:00Z'),
      ]),
    ).toEqual(['v0', 'v1', 'a', 'b']);
  });
});
