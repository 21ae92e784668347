import { describe, expect, it } from 'vitest';
import type { CompareResult } from '../../../shared/compare';
import { sideLabels } from './sideLabels';

const comparison = (ci: string, local: string) =>
  ({
    ci: { kind: 'apt', location: ci, repository: null, skipped: [] },
    local: { kind: 'folder', location: local, repository: null, skipped: [] },
  }) as unknown as CompareResult;

describe('sideLabels', () => {
  it("names CI's side by where it came from and the release's own rebuild as this machine's", () => {
    expect(
      sideLabels(
        '/data/reviews/p/v1',
        comparison('/srv/demo/apt-test', '/data/reviews/p/v1/rebuild'),
      ),
    ).toEqual({
      ci: 'CI (apt-test)',
      local: 'Rebuild (this machine)',
    });
  });

  it('names a repository by URL, an archive by its file name, another local folder by its name', () => {
    expect(
      sideLabels('/r', comparison('https://apt.example.org/apt-test/', '/srv/other-build/')),
    ).toEqual({ ci: 'CI (apt-test)', local: 'Rebuild (other-build)' });
    expect(sideLabels('/r', comparison('/srv/ci/artifacts.tar.gz', '/r/rebuild')).ci).toBe(
      'CI (artifacts.tar.gz)',
    );
  });
});
