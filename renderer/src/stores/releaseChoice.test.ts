import { describe, expect, it } from 'vitest';
import type { TagRef } from '../../../shared/tags';
import { preferredReleaseTag, recordedVerifications } from './releaseChoice';

const signed = (...names: string[]): TagRef[] => names.map((name) => ({ name, annotated: true }));
const release = (tag: string, candidateOf: string | null = null) => ({ tag, candidateOf });

describe('preferredReleaseTag', () => {
  it('chooses the newest final release, not its release candidate', () => {
    const releases = [release('v1.0.0'), release('v1.0.0-rc1', 'v1.0.0'), release('v0.9.0')];
    expect(preferredReleaseTag(releases, signed('v1.0.0', 'v1.0.0-rc1', 'v0.9.0'), null)).toBe(
      'v1.0.0',
    );
  });

  it('chooses a release candidate when no final release exists', () => {
    expect(preferredReleaseTag([release('v2.0.0-rc1', 'v2.0.0')], signed('v2.0.0-rc1'), null)).toBe(
      'v2.0.0-rc1',
    );
  });

  it('comes back to the tag chosen last while the project still has it', () => {
    const releases = [release('v1.0.0'), release('v1.0.0-rc1', 'v1.0.0')];
    const tags = signed('v1.0.0', 'v1.0.0-rc1');
    expect(preferredReleaseTag(releases, tags, 'v1.0.0-rc1')).toBe('v1.0.0-rc1');
    expect(preferredReleaseTag(releases, tags, 'gone')).toBe('v1.0.0');
  });

  it('passes over lightweight tags, which cannot be verified', () => {
    const tags: TagRef[] = [{ name: 'latest', annotated: false }, ...signed('v1.0.0')];
    expect(preferredReleaseTag([release('latest'), release('v1.0.0')], tags, null)).toBe('v1.0.0');
  });

  it('falls back to the project’s own tags, newest first, when the list could not be read', () => {
    expect(preferredReleaseTag([], signed('v1.1.0-rc1', 'v1.0.0'), null)).toBe('v1.0.0');
    expect(preferredReleaseTag([], [], null)).toBeNull();
  });
});

describe('recordedVerifications', () => {
  it('keeps the tags whose verification is recorded, with when', () => {
    expect(
      recordedVerifications([
        { tag: 'v1.0.0', tagVerified: { at: '2026-01-01T00:00:00.000Z', signer: null } },
        { tag: 'v0.9.0', tagVerified: null },
      ]),
    ).toEqual({ 'v1.0.0': '2026-01-01T00:00:00.000Z' });
  });
});
