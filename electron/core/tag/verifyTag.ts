import type * as openpgp from 'openpgp';
import type { TagProblem, TagVerdict } from '../../../shared/tags';
import { parseTagObject } from './parseTagObject';
import { readTag } from './readTag';
import { verifyTagSignature } from './verifyTagSignature';

export interface VerifyTagInput {
  repo: string;
  tag: string;
  trustedKeys: openpgp.PublicKey[];
  expectCommit?: string | undefined;
  /** Accept SHA-1 signatures (old releases); off by default because SHA-1 collisions are practical. */
  allowSha1?: boolean | undefined;
  /** The verifier's clock; passed explicitly so the time checks are explainable and testable. */
  now?: Date;
}

/**
 * Step 1: is refs/tags/<tag> an annotated tag, signed by a trusted maintainer,
 * naming itself <tag>, and pointing at the expected commit? Input problems
 * (no repository, no such tag) throw; every reason to refuse is a problem.
 */
export async function verifyTag(input: VerifyTagInput): Promise<TagVerdict> {
  const now = input.now ?? new Date();
  const record = await readTag(input.repo, input.tag);
  const problems: TagProblem[] = [];

  const checkCommit = (commit: string | null) => {
    if (input.expectCommit && commit !== input.expectCommit) {
      problems.push({
        code: 'COMMIT_MISMATCH',
        message: `The tag points at commit ${commit ?? '(none)'}, not the expected ${input.expectCommit}. The release was retagged or the expected commit is wrong; do not release until they agree.`,
      });
    }
  };

  if (record.kind === 'lightweight') {
    problems.push({
      code: 'LIGHTWEIGHT_TAG',
      message: `"${input.tag}" is a lightweight tag: a bare pointer with no tagger, message or signature. Ask the maintainer for a signed annotated tag (git tag -s ${input.tag}).`,
    });
    checkCommit(record.commit);
    return {
      verdict: 'refused',
      tagName: input.tag,
      tagObject: null,
      taggedObject: { sha: record.target, type: record.targetType },
      commit: record.commit,
      tagHeaderName: null,
      tagger: null,
      message: '',
      signature: { format: 'none', issuerKeyId: null, createdAt: null, hashAlgorithm: null },
      signer: null,
      problems,
      notes: [],
      checkedAt: now.toISOString(),
    };
  }

  const parsed = parseTagObject(record.raw);
  if (parsed.tag !== input.tag) {
    problems.push({
      code: 'TAG_NAME_MISMATCH',
      message: `The signed tag object calls itself "${parsed.tag}", but it is stored as "${input.tag}". A tag signed for one release was renamed to pass as another; do not release it.`,
    });
  }
  checkCommit(record.commit);

  let check: Awaited<ReturnType<typeof verifyTagSignature>> = {
    signature: { format: 'none', issuerKeyId: null, createdAt: null, hashAlgorithm: null },
    signer: null,
    problems: [],
    notes: [],
  };
  if (!parsed.signature) {
    check.problems.push({
      code: 'UNSIGNED_TAG',
      message: `"${input.tag}" is an annotated tag without a signature. Ask the maintainer to sign it (git tag -s).`,
    });
  } else if (parsed.signature.format !== 'openpgp') {
    check.signature = { ...check.signature, format: parsed.signature.format };
    check.problems.push({
      code: 'UNSUPPORTED_SIGNATURE',
      message: `"${input.tag}" is signed with ${parsed.signature.format === 'ssh' ? 'an SSH key' : 'an X.509 certificate'}; Countersign trusts OpenPGP signatures only. Ask the maintainer to sign with their OpenPGP key.`,
    });
  } else {
    check = await verifyTagSignature(
      parsed.signature.armored,
      parsed.payload,
      input.trustedKeys,
      now,
      { allowSha1: input.allowSha1 ?? false },
    );
  }
  problems.push(...check.problems);

  return {
    verdict: problems.length === 0 ? 'verified' : 'refused',
    tagName: input.tag,
    tagObject: record.tagObject,
    taggedObject: { sha: parsed.object, type: parsed.type },
    commit: record.commit,
    tagHeaderName: parsed.tag,
    tagger: parsed.tagger,
    message: parsed.message,
    signature: check.signature,
    signer: check.signer,
    problems,
    notes: check.notes,
    checkedAt: now.toISOString(),
  };
}
