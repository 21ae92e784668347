import { describe, expect, it } from 'vitest';
import type { CopiedMember } from './extractMember';
import { extractedName, metadataLines } from './diffMemberPair';
import type { TarMemberHeader } from './tarMembers';

describe('extractedName', () => {
  it.each([
    ['./usr/bin/hello', 'member'],
    ['./usr/share/doc/x/changelog.Debian.gz', 'member.Debian.gz'],
    ['./usr/lib/libx.so.1.2', 'member.so.1.2'],
    ['./var/cache/fontconfig/abc-le64.cache-4', 'member-le64.cache-4'],
    ['./pool/x_1.0.dsc', 'member.0.dsc'],
    ['./usr/share/', 'member'],
    ['../../etc/passwd', 'member'],
    ['./evil\n<script>.js', 'member.js'],
    ['./a/..', 'member..'],
    ['./x.' + 'y'.repeat(100), 'member'],
  ])('names %j "%s"', (path, expected) => {
    expect(extractedName(path)).toBe(expected);
  });

  it('never holds a separator, whatever the member is called', () => {
    for (const path of ['./a/b/c', '..', '/', 'a\\..\\b', './.hidden', './x.tar.gz/']) {
      expect(extractedName(path)).toMatch(/^member[A-Za-z0-9_+.-]*$/);
    }
  });
});

function copied(header: Partial<TarMemberHeader>, sha256: string | null = 'a'): CopiedMember {
  return {
    header: {
      path: './x',
      type: 'file',
      size: 1,
      mode: 0o644,
      mtime: 0,
      linkTarget: null,
      owner: 'root:root (0:0)',
      ...header,
    },
    sha256,
  };
}

describe('metadataLines', () => {
  it('says nothing when only the bytes may differ', () => {
    expect(metadataLines(copied({}), copied({ mtime: 5 }, 'b'))).toEqual([]);
  });

  it('says which side lacks the member', () => {
    expect(metadataLines(null, copied({}))).toEqual([
      '# Countersign: only in the local package; diffed against an empty file.',
    ]);
    expect(metadataLines(copied({}), null)[0]).toMatch(/only in the CI package/);
  });

  it('names each attribute that differs, quoting link targets', () => {
    const ci = copied({ type: 'symlink', mode: 0o777, linkTarget: 'a' }, null);
    const local = copied({ type: 'file', mode: 0o4755, owner: 'x:y (1:1)' });
    expect(metadataLines(ci, local)).toEqual([
      '# Countersign: type differs: CI symbolic link, local file',
      '# Countersign: mode differs: CI 0777, local 4755',
      '# Countersign: owner differs: CI root:root (0:0), local x:y (1:1)',
      '# Countersign: link target differs: CI "a", local null',
    ]);
  });

  it('keeps a hostile link target on one line', () => {
    const lines = metadataLines(
      copied({ type: 'symlink', linkTarget: 'x\n+evil' }, null),
      copied({ type: 'symlink', linkTarget: 'y' }, null),
    );
    expect(lines).toEqual(['# Countersign: link target differs: CI "x\\n+evil", local "y"']);
  });
});
