import { describe, expect, it } from 'vitest';
import { describePublication } from './publicationText';

describe('describePublication', () => {
  const publication = {
    id: '20260201T120000Z-ab12cd34',
    publishedAt: '2026-02-01T12:00:00.000Z',
    tag: 'v1.0.0',
    releaseSha256: null,
  };

  it('names the publication, its release and its time in UTC', () => {
    expect(describePublication(publication)).toBe(
      '20260201T120000Z-ab12cd34 of v1.0.0, published 2026-02-01 12:00:00 UTC',
    );
  });

  it('leaves the release out when apt-prod does not know it', () => {
    expect(describePublication({ ...publication, tag: null })).toBe(
      '20260201T120000Z-ab12cd34, published 2026-02-01 12:00:00 UTC',
    );
  });
});
