import { describe, expect, it } from 'vitest';
import { resolvePromotionSources, resolveRollback } from './resolvePromotionSources';

describe('the tag a review folder is named by', () => {
  it('reads a DEP-14 tag back from its folder name', async () => {
    // Past the tag, the first thing missing is apt-test.
    await expect(
      resolvePromotionSources({ reviewDir: '/data/reviews/hello/debian%2F2.1.0-1' }),
    ).rejects.toThrow(/--from APT_TEST is required/);
    await expect(
      resolveRollback({ reviewDir: '/data/reviews/hello/debian%2F2.1.0-1/', to: '/apt-prod' }),
    ).resolves.toEqual({
      aptProd: '/apt-prod',
      reviewDir: '/data/reviews/hello/debian%2F2.1.0-1',
    });
  });

  it('refuses a folder whose name decodes to no tag', async () => {
    await expect(
      resolvePromotionSources({ reviewDir: '/data/reviews/hello/..%2F..' }),
    ).rejects.toThrow(/names no git tag/);
  });
});
