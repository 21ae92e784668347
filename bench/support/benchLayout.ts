/** apt-prod's Release fields in the step 5 and 6 benchmarks: one suite, as a small project publishes. */
export const BENCH_LAYOUT = {
  suite: 'stable',
  codename: 'bench',
  origin: 'Countersign Bench',
  label: 'apt-prod',
};
