import { describe, expect, it } from 'vitest';
import type { DifferenceNode } from '../../../../shared/review';
import { explainDifferences, membersDifferingInSizeOnly, parseMd5sums } from './explainDifferences';
import { reportTree } from './reportTree';
import {
  arListingLine,
  REAL_DEB_LISTING,
  STAMP,
  STAMPED_MD5SUMS,
  stampedDebReport,
  type StampedReportOptions,
} from './testing/stampedDebReport';

const node = (id: string, source: string, decidable: boolean, depth = 3): DifferenceNode => ({
  id,
  depth,
  source1: source,
  source2: source,
  comments: decidable ? ['Files differ'] : [],
  diffLines: 0,
  decidable,
  explainedBy: null,
});

const tree = [
  node('p', 'p', false, 0),
  node('p ▸ control.tar.xz ▸ control.tar ▸ ./md5sums ▸ ./md5sums', './md5sums', true),
  node('p ▸ data.tar.xz ▸ data.tar ▸ ./usr/share/doc/p/README', './usr/share/doc/p/README', true),
];
const a = '0123456789abcdef0123456789abcdef';
const b = 'fedcba9876543210fedcba9876543210';

describe('explainDifferences', () => {
  it('ties an md5sums difference to the files whose lines changed', () => {
    const [, md5sums] = explainDifferences(tree, {
      ci: `${a}  usr/share/doc/p/README\n${b}  usr/bin/p\n`,
      local: `${b}  usr/share/doc/p/README\n${b}  usr/bin/p\n`,
    });
    expect(md5sums?.explainedBy).toEqual([tree[2]?.id]);
  });

  it('leaves md5sums to be decided when a line changed for a file that did not', () => {
    const [, md5sums] = explainDifferences(tree, {
      ci: `${a}  usr/share/doc/p/README\n${a}  usr/bin/p\n`,
      local: `${b}  usr/share/doc/p/README\n${b}  usr/bin/p\n`,
    });
    expect(md5sums?.explainedBy).toBeNull();
  });

  it('leaves a malformed md5sums to be decided', () => {
    expect(parseMd5sums('not a line\n')).toBeNull();
    const [, md5sums] = explainDifferences(tree, { ci: 'x\n', local: 'y\n' });
    expect(md5sums?.explainedBy).toBeNull();
  });

  it('always leaves something to decide when the bytes differ', () => {
    const [root] = explainDifferences([node('p', 'p', false, 0)], null);
    expect(root?.decidable).toBe(true);
    expect(root?.comments[0]).toContain('bytes differ');
  });
});

/** The stamped pair's report read and explained as the review shows it. */
function explainedStampedReport(options: StampedReportOptions = {}) {
  const tree = reportTree(stampedDebReport(options), 'p_1_all.deb');
  return explainDifferences(tree.nodes, STAMPED_MD5SUMS, tree.diffs);
}

const DEB_LISTING = 'p_1_all.deb ▸ file list';
const DATA_LISTING = 'p_1_all.deb ▸ data.tar.xz ▸ data.tar ▸ file list';
const STAMP_ID = `p_1_all.deb ▸ data.tar.xz ▸ data.tar ▸ ${STAMP}`;

describe('member listings that differ only in sizes', () => {
  it('reads which members changed size and nothing else', () => {
    expect(membersDifferingInSizeOnly(REAL_DEB_LISTING)).toEqual(['control.tar.xz', 'data.tar.xz']);
    const dated = `-${arListingLine(372, 'data.tar.xz')}\n+${arListingLine(368, 'data.tar.xz', '2024-01-01 00:00:00.000000')}\n`;
    expect(membersDifferingInSizeOnly(dated)).toBeNull();
    expect(membersDifferingInSizeOnly(`+${arListingLine(10, 'extra')}\n`)).toBeNull();
    expect(membersDifferingInSizeOnly('-not a listing\n+not a listing either\n')).toBeNull();
  });

  it("leaves only the stamped file to decide in diffoscope's report of a .deb with one stamped file", () => {
    const nodes = explainedStampedReport();
    const open = nodes.filter((node) => node.decidable && node.explainedBy === null);
    expect(open.map((node) => node.id)).toEqual([STAMP_ID]);
    const byId = new Map(nodes.map((node) => [node.id, node]));
    // The .deb's ar listing follows from control.tar.xz (its md5sums, which follows from the
    // stamp) and data.tar.xz (the stamp and data.tar's own listing, which follows from it too).
    expect(byId.get(DEB_LISTING)?.explainedBy).toEqual([STAMP_ID]);
    expect(byId.get(DATA_LISTING)?.explainedBy).toEqual([STAMP_ID]);
  });

  it('keeps a listing to decide when a member changed more than its size', () => {
    const debListing = REAL_DEB_LISTING.replace(
      `+${arListingLine(1276, 'data.tar.xz')}`,
      `+${arListingLine(1276, 'data.tar.xz', '2024-01-01 00:00:00.000000')}`,
    );
    const byId = new Map(explainedStampedReport({ debListing }).map((node) => [node.id, node]));
    expect(byId.get(DEB_LISTING)?.explainedBy).toBeNull();
  });

  it('keeps a listing to decide when a member that changed size has no difference of its own listed', () => {
    const byId = new Map(
      explainedStampedReport({ stampListed: false }).map((node) => [node.id, node]),
    );
    expect(byId.get(DATA_LISTING)?.explainedBy).toBeNull();
    // The .deb's listing is then decided with what is listed: the md5sums (no longer explained
    // either) and data.tar's listing.
    expect(byId.get(DEB_LISTING)?.explainedBy).toEqual([
      'p_1_all.deb ▸ control.tar.xz ▸ control.tar ▸ ./md5sums ▸ ./md5sums',
      DATA_LISTING,
    ]);
  });

  it('keeps a listing to decide when a member was added', () => {
    const debListing = `${REAL_DEB_LISTING}+${arListingLine(10, 'extra.tar.xz')}\n`;
    const byId = new Map(explainedStampedReport({ debListing }).map((node) => [node.id, node]));
    expect(byId.get(DEB_LISTING)?.explainedBy).toBeNull();
  });
});
