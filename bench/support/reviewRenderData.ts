/**
 * A synthetic diffoscope-sized report for the Review rendering benchmark:
 * `files` changed files of `linesPerFile` unified-diff lines each (hunk header
 * included), with word-level changes in every changed line, as a build date
 * or a path would differ.
 */
export interface SyntheticReport {
  /** Each file's own unified diff, as review:diffPage hands one node's page to the step. */
  files: { path: string; text: string; lines: number }[];
  /** The same diff as one multi-file unified diff, as diff2html's html() takes it. */
  whole: string;
  totalLines: number;
}

export function syntheticReport(files = 5_000, linesPerFile = 40): SyntheticReport {
  const report: SyntheticReport = { files: [], whole: '', totalLines: 0 };
  const wholeParts: string[] = [];
  for (let file = 0; file < files; file += 1) {
    const path = `./usr/share/doc/package-${String(file).padStart(5, '0')}/changelog.Debian`;
    const body: string[] = [];
    // A context line, then a changed line as a deletion and an insertion, over and over.
    for (let line = 0; body.length < linesPerFile - 1; line += 1) {
      if (line % 2 === 0) {
        body.push(` package-${file} (1.0.${line}) unstable; urgency=medium, entry ${line}`);
      } else {
        const minute = String(line % 60).padStart(2, '0');
        body.push(
          `- -- Dana Maintainer <dana@example.org>  Sun, 01 Feb 2026 11:${minute}:00 +0000`,
        );
        body.push(
          `+ -- Dana Maintainer <dana@example.org>  Sun, 01 Feb 2026 10:${minute}:00 +0000`,
        );
      }
    }
    const kept = body.slice(0, linesPerFile - 1);
    const oldLines = kept.filter((line) => !line.startsWith('+')).length;
    const newLines = kept.filter((line) => !line.startsWith('-')).length;
    const lines = [`@@ -1,${oldLines} +1,${newLines} @@`, ...kept];
    const text = `${lines.join('\n')}\n`;
    report.files.push({ path, text, lines: lines.length });
    report.totalLines += lines.length;
    wholeParts.push(`--- a/${path}\n+++ b/${path}\n${text}`);
  }
  report.whole = wholeParts.join('');
  return report;
}
