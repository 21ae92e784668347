// Countersign's time to first diff for one .deb pair, in a fresh process (so
// the JIT and the xz decoder start cold, as in the app): the member list, then
// diffoscope on the first differing member and on the first data.tar member.
import { performance } from 'node:perf_hooks';
import { diffMemberPair, memberDifferences } from '../../electron/core/review/index';

const [ci = '', local = ''] = process.argv.slice(2);
const start = performance.now();
const members = await memberDifferences(ci, local);
const listed = performance.now();
const first = members[0];
if (!first) throw new Error('the packages do not differ');
const diff = await diffMemberPair(ci, local, first.id);
const firstDiff = performance.now();
const data = members.find((member) => member.id.startsWith('data.tar'));
const dataStart = performance.now();
if (data) await diffMemberPair(ci, local, data.id);
const dataEnd = performance.now();
process.stdout.write(
  `${JSON.stringify({
    listSeconds: (listed - start) / 1000,
    firstDiffSeconds: (firstDiff - start) / 1000,
    firstId: first.id,
    firstDiffLines: diff.text.split('\n').length - 1,
    dataMemberSeconds: (dataEnd - dataStart) / 1000,
    differing: members.length,
    version: diff.version,
  })}\n`,
);
