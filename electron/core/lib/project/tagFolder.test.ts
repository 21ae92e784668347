import { describe, expect, it } from 'vitest';
import { releaseFolderName } from '../reviewFolder/releaseFolders';
import { reviewFolder } from './countersignHome';
import { tagFolderName, tagOfFolder } from './tagFolder';

describe('tagFolderName and tagOfFolder', () => {
  it('leaves the folder name of a tag without "/" or "%" unchanged', () => {
    for (const tag of ['v1.0.0', 'v1.0.0-rc1', 'release_2024+dfsg', '@', 'été']) {
      expect(tagFolderName(tag)).toBe(tag);
      expect(tagOfFolder(tag)).toBe(tag);
    }
  });

  it('gives a tag with "/" or "%" one folder name, and reads it back', () => {
    expect(tagFolderName('debian/2.1.0-1')).toBe('debian%2F2.1.0-1');
    expect(tagFolderName('debian/1%1.5.2-5.1')).toBe('debian%2F1%251.5.2-5.1');
    for (const tag of ['debian/2.1.0-1', 'debian/1%1.5.2-5.1', 'a%2Fb', '%25', 'a/b/c%']) {
      const folder = tagFolderName(tag);
      expect(folder).not.toContain('/');
      expect(tagOfFolder(folder)).toBe(tag);
    }
  });

  it('never gives two tags the same folder', () => {
    const tags = ['debian/1.0', 'debian_1.0', 'debian%2F1.0', 'debian%1.0'];
    expect(new Set(tags.map(tagFolderName)).size).toBe(tags.length);
  });

  it('refuses folder names that decode to no tag, or were not written by tagFolderName', () => {
    for (const name of [
      '..%2F..',
      '..',
      '.',
      '%2F',
      'a%2F',
      'a%2F%2Fb',
      '%2E%2E',
      'a%2fb',
      'a%',
      'a%zz',
      'a/b',
      '-x',
      'v1~rc1',
      '',
    ]) {
      expect(() => tagOfFolder(name), name).toThrow(/names no git tag/);
    }
  });

  it('refuses an invalid tag, and one too long for a folder name', () => {
    expect(() => tagFolderName('../etc')).toThrow(/not a git tag name/);
    expect(() => tagFolderName('a/'.repeat(100) + 'b')).toThrow(/too long/);
  });

  it('names review folders and apt-prod release folders with one segment per tag', () => {
    expect(reviewFolder('hello', 'v1.0.0').endsWith('/reviews/hello/v1.0.0')).toBe(true);
    expect(
      reviewFolder('hello', 'debian/2.1.0-1').endsWith('/reviews/hello/debian%2F2.1.0-1'),
    ).toBe(true);
    expect(releaseFolderName('v1.0.0')).toBe('v1.0.0');
    expect(releaseFolderName('debian/2.1.0-1')).toBe('debian%2F2.1.0-1');
  });
});
