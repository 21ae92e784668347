import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tagNameSchema } from '../../../shared/tags';

/** git's own answer: is refs/tags/<name> a ref name? */
function gitAccepts(name: string): boolean {
  const result = spawnSync('git', ['check-ref-format', `refs/tags/${name}`], {
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  if (result.error) throw result.error;
  return result.status === 0;
}

const accepts = (name: string) => tagNameSchema.safeParse(name).success;

// Names a release manager meets (DEP-14's Debian tags among them) and the edges of each rule.
const NAMES = [
  'v1.0.0',
  'debian/1%1.5.2-5.1',
  'debian/2.1.0-1',
  'debian/1.0_rc1',
  'upstream/1.5.2',
  'v1.0.0+dfsg',
  'a=b,c',
  '_x',
  '+x',
  'x.lock.y',
  'a@b',
  '@',
  '@/a',
  'a{b}',
  'été-1.0',
  'v1.0.0~rc1',
  'a^b',
  'a:b',
  'a?b',
  'a*b',
  'a[b',
  'a\\b',
  'a b',
  'a\tb',
  'a\u007fb',
  'a..b',
  '.hidden',
  'a/.b',
  'a.lock',
  'a.lock/b',
  'a//b',
  'a/',
  '/a',
  'a.',
  'a/..',
  'a@{b',
  'a/@{',
  'x'.repeat(255),
];

describe('tag names, against git check-ref-format "refs/tags/<name>"', () => {
  it.each(NAMES)('agrees with git on %j', (name) => {
    expect(accepts(name)).toBe(gitAccepts(name));
  });

  it('accepts the DEP-14 names Debian packagers tag with', () => {
    expect(accepts('debian/1%1.5.2-5.1')).toBe(true);
    expect(accepts('debian/2.1.0-1')).toBe(true);
  });

  it('refuses a leading "-", which git accepts: our one intended difference', () => {
    expect(gitAccepts('-x')).toBe(true);
    expect(accepts('-x')).toBe(false);
    expect(tagNameSchema.safeParse('-x').error?.issues[0]?.message).toMatch(
      /not starting with "-"/,
    );
  });

  it('tells the user it wants a git tag name', () => {
    expect(tagNameSchema.safeParse('v1.0.0~rc1').error?.issues[0]?.message).toBe('a git tag name');
  });
});
