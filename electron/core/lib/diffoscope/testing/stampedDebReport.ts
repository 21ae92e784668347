/**
 * diffoscope 240's --json report on two .debs built by dpkg-deb from the same
 * tree but for one stamped file (`./usr/share/p/stamp`, longer on the
 * rebuild's side), node for node and line for line as diffoscope wrote it,
 * with the stamp's own lines shortened. The .deb's top-level "file list" (its
 * ar members) then differs only in the sizes of control.tar.xz and
 * data.tar.xz, and data.tar's in the stamp's size. Not used by the app.
 */
import type { DiffoscopeNode } from '../reportTree';

const DATE = '2023-11-14 22:13:20.000000';

/** An `ar tv`-like line of the .deb's member listing, as diffoscope writes it. */
export const arListingLine = (size: number, name: string, date = DATE) =>
  `-rw-r--r--   0        0        0 ${String(size).padStart(8)} ${date} ${name}`;

/** A `tar tv`-like line of data.tar's listing, as diffoscope writes it. */
export const tarListingLine = (mode: string, size: number, name: string, date = DATE) =>
  `${mode}   0 root         (0) root         (0) ${String(size).padStart(8)} ${date} ${name}`;

export interface StampedReportOptions {
  /** The .deb's member listing's diff, if it should differ from the real one. */
  debListing?: string;
  /** Whether diffoscope listed the stamp's own difference (it always does; a test may not). */
  stampListed?: boolean;
}

/** The real report's top-level listing diff: control.tar.xz and data.tar.xz changed size. */
export const REAL_DEB_LISTING = [
  '@@ -1,3 +1,3 @@',
  ` ${arListingLine(4, 'debian-binary')}`,
  `-${arListingLine(372, 'control.tar.xz')}`,
  `-${arListingLine(628, 'data.tar.xz')}`,
  `+${arListingLine(368, 'control.tar.xz')}`,
  `+${arListingLine(1276, 'data.tar.xz')}`,
  '',
].join('\n');

export const STAMP = './usr/share/p/stamp';

/** The report, shaped as diffoscope writes it for the pair. */
export function stampedDebReport(options: StampedReportOptions = {}): DiffoscopeNode {
  const stamp: DiffoscopeNode = {
    source1: STAMP,
    source2: STAMP,
    unified_diff: '@@ -1 +1,2 @@\n-built at a HOdxDGPD\n+built at b abm+GiR8\n+CZi8yrDF\n',
  };
  const dataListing = [
    '@@ -1,6 +1,6 @@',
    ` ${tarListingLine('drwxr-xr-x', 0, './')}`,
    ` ${tarListingLine('drwxr-xr-x', 0, './usr/')}`,
    ` ${tarListingLine('drwxr-xr-x', 0, './usr/share/')}`,
    ` ${tarListingLine('drwxr-xr-x', 0, './usr/share/p/')}`,
    ` ${tarListingLine('-rw-r--r--', 5, './usr/share/p/README')}`,
    `-${tarListingLine('-rw-r--r--', 417, STAMP)}`,
    `+${tarListingLine('-rw-r--r--', 1227, STAMP)}`,
    '',
  ].join('\n');
  return {
    source1: 'a.deb',
    source2: 'b.deb',
    unified_diff: null,
    details: [
      {
        source1: 'file list',
        source2: 'file list',
        unified_diff: options.debListing ?? REAL_DEB_LISTING,
      },
      {
        source1: 'control.tar.xz',
        source2: 'control.tar.xz',
        unified_diff: null,
        details: [
          {
            source1: 'control.tar',
            source2: 'control.tar',
            unified_diff: null,
            details: [
              {
                source1: './md5sums',
                source2: './md5sums',
                unified_diff: null,
                details: [
                  {
                    source1: './md5sums',
                    source2: './md5sums',
                    comments: ['Files differ'],
                    unified_diff: null,
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        source1: 'data.tar.xz',
        source2: 'data.tar.xz',
        unified_diff: null,
        details: [
          {
            source1: 'data.tar',
            source2: 'data.tar',
            unified_diff: null,
            details: [
              { source1: 'file list', source2: 'file list', unified_diff: dataListing },
              ...(options.stampListed === false ? [] : [stamp]),
            ],
          },
        ],
      },
    ],
  };
}

/** The two md5sums of the pair: only the stamp's line differs. */
export const STAMPED_MD5SUMS = {
  ci: '0123456789abcdef0123456789abcdef  usr/share/p/README\n11111111111111111111111111111111  usr/share/p/stamp\n',
  local:
    '0123456789abcdef0123456789abcdef  usr/share/p/README\n22222222222222222222222222222222  usr/share/p/stamp\n',
};
