import { describe, expect, it } from 'vitest';
import { parseReleaseFile } from './releaseFile';
import { planIndexes } from './selectIndexes';

const hash = (n: number) => n.toString(16).padStart(64, '0');

function release(architectures: string, components: string, paths: string[]) {
  const lines = paths.map((path, index) => ` ${hash(index + 1)} ${10 + index} ${path}`).join('\n');
  return parseReleaseFile(
    `Suite: testing\nArchitectures: ${architectures}\nComponents: ${components}\nSHA256:\n${lines}\n`,
  );
}

const full = release('amd64 arm64 all', 'main contrib', [
  'main/binary-amd64/Packages',
  'main/binary-amd64/Packages.gz',
  'main/binary-amd64/Packages.xz',
  'main/binary-arm64/Packages.gz',
  'main/binary-all/Packages.xz',
  'contrib/binary-amd64/Packages',
  'contrib/binary-all/Packages',
  'main/i18n/Translation-en',
]);

const pairs = (plan: ReturnType<typeof planIndexes>) =>
  plan.targets.map((target) => `${target.component}/${target.architecture}`);

describe('planIndexes', () => {
  it('reads every component and architecture Release lists by default, binary-all included', () => {
    const plan = planIndexes(full, {});
    expect(plan.components).toEqual(['main', 'contrib']);
    expect(plan.architectures).toEqual(['amd64', 'arm64', 'all']);
    expect(pairs(plan)).toEqual([
      'main/amd64',
      'main/arm64',
      'main/all',
      'contrib/amd64',
      'contrib/all',
    ]);
    expect(plan.unlisted).toEqual(['contrib/binary-arm64']);
  });

  it('prefers xz, then gz, then the plain index, among those Release lists', () => {
    const [amd64, arm64] = planIndexes(full, {}).targets;
    expect(amd64?.variants.map((variant) => variant.path)).toEqual([
      'main/binary-amd64/Packages.xz',
      'main/binary-amd64/Packages.gz',
      'main/binary-amd64/Packages',
    ]);
    expect(amd64?.variants.map((variant) => variant.compression)).toEqual(['xz', 'gz', 'plain']);
    expect(arm64?.variants.map((variant) => variant.path)).toEqual([
      'main/binary-arm64/Packages.gz',
    ]);
  });

  it('adds binary-all to a chosen architecture, since arch-independent packages install everywhere', () => {
    const plan = planIndexes(full, { component: 'main', architecture: 'arm64' });
    expect(pairs(plan)).toEqual(['main/arm64', 'main/all']);
    expect(plan.architectures).toEqual(['arm64', 'all']);
  });

  it('reads binary-all when Release lists its index even if Architectures omits all', () => {
    const plan = planIndexes(
      release('amd64', 'main', ['main/binary-amd64/Packages', 'main/binary-all/Packages']),
      {},
    );
    expect(pairs(plan)).toEqual(['main/amd64', 'main/all']);
    expect(plan.unlisted).toEqual([]);
  });

  it('does not mention a missing binary-all nobody asked for', () => {
    const plan = planIndexes(release('amd64', 'main', ['main/binary-amd64/Packages']), {});
    expect(pairs(plan)).toEqual(['main/amd64']);
    expect(plan.unlisted).toEqual([]);
  });

  it('ignores the source pseudo-architecture', () => {
    const plan = planIndexes(release('source amd64', 'main', ['main/binary-amd64/Packages']), {});
    expect(plan.architectures).toEqual(['amd64']);
  });

  it.each([
    ['component', { component: 'non-free' }],
    ['architecture', { architecture: 'riscv64' }],
  ])('refuses a %s that Release does not list', (_name, selection) => {
    expect(() => planIndexes(full, selection)).toThrow(
      expect.objectContaining({ code: 'INVALID_REPOSITORY' }),
    );
  });

  it("reads no binary-all index where Release says each architecture's index lists them (Debian's)", () => {
    const debian = parseReleaseFile(
      `Suite: bookworm-updates\nArchitectures: all amd64 arm64\nComponents: main\nNo-Support-for-Architecture-all: Packages\nSHA256:\n ${hash(1)} 10 main/binary-amd64/Packages.xz\n ${hash(2)} 11 main/binary-arm64/Packages.xz\n ${hash(3)} 12 main/binary-all/Packages.xz\n`,
    );
    expect(pairs(planIndexes(debian, {}))).toEqual(['main/amd64', 'main/arm64']);
    expect(pairs(planIndexes(debian, { architecture: 'amd64' }))).toEqual(['main/amd64']);
    expect(pairs(planIndexes(debian, { architecture: 'all' }))).toEqual(['main/all']);
  });
});
