import type { ArtifactReview, DifferenceNode } from '../../../../../shared/review';

export const SAMPLE_KEY = 'deb:countersign-hello_1.0.0_amd64';
export const SAMPLE_NAME = 'countersign-hello_1.0.0_amd64.deb';

/** A difference's id: its path under the package, as diffoscope nests it. */
export const sampleDifferenceId = (path: string) => `${SAMPLE_NAME} ▸ ${path}`;

/** A node of diffoscope's tree; containers group, files are differences to decide. */
function node(source: string, depth: number, decidable: boolean): DifferenceNode {
  return {
    id: depth === 0 ? SAMPLE_NAME : sampleDifferenceId(source),
    depth,
    source1: source,
    source2: source,
    comments: [],
    diffLines: decidable ? 4 : 0,
    decidable,
    explainedBy: null,
  };
}

/** The paths of the sample's differences, in the tree's order. */
export const SAMPLE_DIFFERENCES = ['./usr/bin/hello', './usr/share/doc/README', './md5sums'];

/** A package whose diffoscope report is ready: one container, then three undecided differences. */
export function sampleReview(): ArtifactReview {
  const nodes = [
    node(SAMPLE_NAME, 0, false),
    ...SAMPLE_DIFFERENCES.map((path) => node(path, 1, true)),
  ];
  return {
    key: SAMPLE_KEY,
    name: SAMPLE_NAME,
    ciSha256: 'a'.repeat(64),
    localSha256: 'b'.repeat(64),
    report: {
      state: 'ready',
      diffoscopeVersion: 'diffoscope 272',
      reportSha256: 'c'.repeat(64),
      generatedAt: '2026-02-01T10:00:00.000Z',
      problem: null,
    },
    nodes,
    members: [],
    decisions: {},
    verdict: 'unreviewed',
    counts: { differences: 3, accepted: 0, blocking: 0, unreviewed: 3 },
  };
}
