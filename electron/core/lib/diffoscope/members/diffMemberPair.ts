import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountersignError } from '../../../../../shared/errors';
import { diffoscopeVersion, runDiffoscope } from '../runDiffoscope';
import { copyMember, type CopiedMember } from './extractMember';
import { memberNotFound, parseMemberId } from './memberId';
import { parseDiffoscopeReport } from '../reportTree';
import { commentLines, reportText } from './reportText';

export interface MemberPairDiff {
  /** Countersign's "# " lines on metadata, then the unified diff of each report node, with its comments as "# " lines. */
  text: string;
  /** "diffoscope 240". */
  version: string;
  /** True when the two members hold the same bytes and the same metadata. */
  identical: boolean;
}

/**
 * The name the extracted copies get: "member" plus the member name's tail of
 * plain characters from its first "." or "-" ("libx.so.1" → "member.so.1",
 * "x-le64.cache-4" → "member-le64.cache-4"). diffoscope picks some comparators
 * by file name (.changes, .dsc, .pyc, .js, fontconfig caches), so the suffix
 * keeps its view of the member the same as in the full report; nothing else of
 * the hostile name reaches the file system.
 */
export function extractedName(memberPath: string): string {
  const last = memberPath.split('/').filter(Boolean).pop() ?? '';
  const tail = /[A-Za-z0-9_+.-]{1,32}$/.exec(last)?.[0] ?? '';
  const start = tail.search(/[.-]/);
  return `member${start === -1 ? '' : tail.slice(start)}`;
}

const TYPE_NAMES = {
  file: 'file',
  dir: 'folder',
  symlink: 'symbolic link',
  hardlink: 'hard link',
  other: 'special entry',
} as const;

/** "# Countersign: …" lines for what differs besides the bytes, or only one side having the member. */
export function metadataLines(ci: CopiedMember | null, local: CopiedMember | null): string[] {
  if (!ci || !local) {
    const side = ci ? 'CI' : 'local';
    return [
      commentLines(`Countersign: only in the ${side} package; diffed against an empty file.`),
    ];
  }
  const a = ci.header;
  const b = local.header;
  const octal = (mode: number) => mode.toString(8).padStart(4, '0');
  const changes: [string, string, string][] = [];
  if (a.type !== b.type) changes.push(['type', TYPE_NAMES[a.type], TYPE_NAMES[b.type]]);
  if (a.mode !== b.mode) changes.push(['mode', octal(a.mode), octal(b.mode)]);
  if (a.owner !== b.owner) changes.push(['owner', a.owner, b.owner]);
  if (a.linkTarget !== b.linkTarget) {
    changes.push(['link target', JSON.stringify(a.linkTarget), JSON.stringify(b.linkTarget)]);
  }
  return changes.map(([what, was, now]) =>
    commentLines(`Countersign: ${what} differs: CI ${was}, local ${now}`),
  );
}

/**
 * The unified diff of one member of two packages, made by diffoscope on just
 * that pair: both copies are extracted into a private temporary folder (under
 * names we choose) that is removed afterwards, whatever happens. Text members
 * give line diffs, binary ones whatever diffoscope makes of them (a hexdump
 * diff, a disassembly, a comment). A member one package lacks, or a folder or
 * link (which has no bytes), is diffed as an empty file; a one-sided text
 * member is shown as lines added or removed (see `oneSidedText`). What differs
 * besides the bytes (type, mode, owner, link target) comes first, as
 * "# Countersign:" lines.
 */
export async function diffMemberPair(
  ciDeb: string,
  localDeb: string,
  memberId: string,
  options: { timeLimitSeconds?: number; signal?: AbortSignal } = {},
): Promise<MemberPairDiff> {
  const { path } = parseMemberId(memberId);
  const temp = await mkdtemp(join(tmpdir(), 'cs-member-'));
  try {
    const name = extractedName(path);
    const ciFile = join(temp, 'ci', name);
    const localFile = join(temp, 'local', name);
    await Promise.all([mkdir(join(temp, 'ci')), mkdir(join(temp, 'local'))]);
    const [ci, local] = await Promise.all([
      copyMember(ciDeb, memberId, ciFile, options.signal),
      copyMember(localDeb, memberId, localFile, options.signal),
    ]);
    if (!ci && !local) throw memberNotFound(memberId, 'Neither package');
    // Folders, links and absent members have no bytes: diffoscope sees an empty file.
    if (ci?.sha256 == null) await writeFile(ciFile, '', { flag: 'wx', mode: 0o600 });
    if (local?.sha256 == null) await writeFile(localFile, '', { flag: 'wx', mode: 0o600 });
    const metadata = metadataLines(ci, local);
    let diff = '';
    let version: string;
    const oneSided =
      ci && local ? null : await oneSidedText(ci ? ciFile : localFile, ci ? '-' : '+');
    if (bytesOf(ci) === bytesOf(local) || oneSided !== null) {
      version = await diffoscopeVersion();
      diff = oneSided ?? '';
    } else {
      const run = await runDiffoscope(ciFile, localFile, {
        reportFile: join(temp, 'report.json'),
        ...(options.timeLimitSeconds !== undefined
          ? { timeLimitSeconds: options.timeLimitSeconds }
          : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      version = run.version;
      if (run.exitCode === 1) diff = await readReportText(run.reportFile);
    }
    const text = [...metadata, ...(diff ? [diff.replace(/\n$/, '')] : [])].join('\n');
    return {
      text: text === '' ? '' : `${text}\n`,
      version,
      identical: metadata.length === 0 && diff === '',
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The hash of what diffoscope is given for a side: a member without bytes is an empty file. */
function bytesOf(member: CopiedMember | null): string {
  return member?.sha256 ?? EMPTY_SHA256;
}

/** Larger one-sided members go to diffoscope. */
const MAX_ONE_SIDED_TEXT = 16 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A member only one package holds, when it is UTF-8 text: every line added
 * (or removed), as `diff -u /dev/null file` and `diffoscope --new-file` write
 * it. diffoscope given an empty file for the missing side sees an empty file
 * against a text file and falls back to a hexdump of the whole member. Null
 * for anything else (empty, binary, or too large), which goes to diffoscope.
 */
export async function oneSidedText(file: string, sign: '+' | '-'): Promise<string | null> {
  const bytes = await readFile(file);
  if (bytes.length === 0 || bytes.length > MAX_ONE_SIDED_TEXT || bytes.includes(0)) return null;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const newlineAtEnd = lines.at(-1) === '';
  if (newlineAtEnd) lines.pop();
  const range = lines.length === 1 ? '1' : `1,${lines.length}`;
  const header = sign === '+' ? `@@ -0,0 +${range} @@` : `@@ -${range} +0,0 @@`;
  const body = lines.map((line) => `${sign}${line}`);
  if (!newlineAtEnd) body.push('\\ No newline at end of file');
  return `${[header, ...body].join('\n')}\n`;
}

async function readReportText(reportFile: string | null): Promise<string> {
  try {
    if (reportFile === null) throw new Error('it wrote no report');
    return reportText(parseDiffoscopeReport(JSON.parse(await readFile(reportFile, 'utf8'))));
  } catch (error) {
    throw new CountersignError(
      'DIFFOSCOPE_FAILED',
      `diffoscope found differences but its report could not be read: ${error instanceof Error ? error.message : String(error)}`,
      'Run the full report instead, or check the diffoscope installation.',
    );
  }
}
