// What a careful QA person runs by hand to verify a published, signed apt
// suite: one `sh` script, in the C locale, that exits non-zero if anything
// does not verify (set -e: at the first step that fails).
//   1. gpgv over InRelease, and over Release with Release.gpg, against a
//      keyring holding only the release key;
//   2. `sha256sum -c` of every file Release's SHA256 section lists, from
//      dists/<suite> (a listed file that is absent fails, as in Countersign);
//   3. `sha256sum -c` of every package file against the SHA256 its plain
//      Packages index lists (the indexes Release lists, entries deduplicated:
//      an `all` package is in binary-all and binary-amd64), from the root, in
//      two halves at once since Countersign hashes on every core too.
// What it does not check, and Countersign does: sizes (of indexes and
// packages), the by-hash copies of the indexes, that InRelease and Release
// carry the same text, the Release's Suite/Codename and Valid-Until, what
// the compressed indexes list (it only hashes them against Release), files
// in pool/ and dists/ that nothing references, and suites other than the one
// named.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The script; its arguments are the root, the suite, the keyring file and a scratch folder. */
const SCRIPT = String.raw`set -e
root=$1 suite=$2 keyring=$3 work=$4
cd "$root/dists/$suite"
gpgv --keyring "$keyring" InRelease
gpgv --keyring "$keyring" Release.gpg Release
awk '/^SHA256:/ { on = 1; next } /^[^ ]/ { on = 0 } on { print $1 "  " $3 }' Release \
  > "$work/release.sha256"
sha256sum --check --strict --quiet "$work/release.sha256"
awk '$2 ~ /(^|\/)Packages$/ { print $2 }' "$work/release.sha256" > "$work/indexes"
xargs awk 'BEGIN { RS = ""; FS = "\n" }
  { f = ""; h = ""
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^Filename: /) f = substr($i, 11)
      else if ($i ~ /^SHA256: /) h = substr($i, 9)
    }
    if (f != "") print h "  " f }' < "$work/indexes" | sort -u > "$work/packages.sha256"
cd "$root"
split -n l/2 "$work/packages.sha256" "$work/half."
sha256sum --check --strict --quiet "$work/half.aa" & first=$!
sha256sum --check --strict --quiet "$work/half.ab" & second=$!
a=0 b=0
wait $first || a=$?
wait $second || b=$?
exit $((a | b))
`;

/** How one by-hand run ended. */
export interface ByHandRun {
  /** The script's exit status: 0 only when everything verified. */
  status: number | null;
  seconds: number;
  /** What it printed: gpgv's verdicts, and each file sha256sum found not to match. */
  output: string;
  /** Package entries it hashed: lines of the deduplicated list. */
  packages: number;
}

/** Runs the by-hand check once; `work` must be an empty folder of the caller's. */
export function verifyRepoByHand(
  root: string,
  suite: string,
  keyring: string,
  work: string,
): ByHandRun {
  const start = performance.now();
  const run = spawnSync('sh', ['-c', SCRIPT, 'sh', root, suite, keyring, work], {
    // gpgv reads nothing from a home of its own: a fresh one keeps the user's out of it.
    env: { ...process.env, LC_ALL: 'C', GNUPGHOME: work },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - start) / 1000;
  const list = join(work, 'packages.sha256');
  const packages = existsSync(list) ? readFileSync(list, 'utf8').split('\n').length - 1 : 0;
  return { status: run.status, seconds, output: `${run.stdout}${run.stderr}`, packages };
}
