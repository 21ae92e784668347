import type { BrokenLink, PackageCheck } from '../../../shared/verify';
import type { FoundFile } from './hashPackageFiles';
import type { ReviewEvidence } from './reviewEvidence';

/** What is known about one package entry before it is judged. */
export interface PackageFacts {
  package: string;
  version: string;
  architecture: string;
  component: string;
  filename: string;
  size: number;
  sha256: string;
  /** Why the suite's signatures or signed Release do not hold; null when they do. */
  signatureProblem: string | null;
  /** Index files (relative to the suite) listing it whose bytes do not match the Release. */
  listedInMismatched: string[];
  /** The file as the repository serves it; null when it is not there. */
  found: FoundFile;
}

function failed(
  facts: PackageFacts,
  link: BrokenLink,
  problem: string,
  tag: string | null = null,
): PackageCheck {
  return { ...identity(facts), status: 'failed', brokenLink: link, problem, tag };
}

function identity(facts: PackageFacts) {
  const { package: name, version, architecture, component, filename, size, sha256 } = facts;
  return { package: name, version, architecture, component, filename, size, sha256 };
}

/**
 * Walks one package's chain of trust in order and names the first link that
 * does not hold: signature, release, index, then (with a review) review and
 * tag. Pure, so every verdict can be tested without a repository.
 */
export function judgePackage(facts: PackageFacts, review: ReviewEvidence | null): PackageCheck {
  if (facts.signatureProblem !== null) return failed(facts, 'signature', facts.signatureProblem);
  if (facts.listedInMismatched.length > 0) {
    return failed(
      facts,
      'release',
      `it is listed by ${facts.listedInMismatched.join(', ')}, which does not match its size and SHA-256 in the signed Release`,
    );
  }
  if (facts.found === null) {
    return failed(
      facts,
      'index',
      `its index lists ${facts.filename}, but the repository has no such file`,
    );
  }
  if (facts.found.size !== facts.size || facts.found.sha256 !== facts.sha256) {
    return failed(
      facts,
      'index',
      `the file is ${facts.found.size} bytes with SHA-256 ${facts.found.sha256}; its index lists ${facts.size} bytes with SHA-256 ${facts.sha256}`,
    );
  }
  if (review === null)
    return { ...identity(facts), status: 'verified', brokenLink: null, problem: null, tag: null };

  const tag = review.promoted.get(facts.sha256) ?? null;
  const judged = review.judged.get(facts.sha256);
  if (!judged) {
    return failed(
      facts,
      'review',
      `no CI file of the review's comparison has SHA-256 ${facts.sha256}: these bytes were never compared`,
      tag,
    );
  }
  if (!judged.approved) return failed(facts, 'review', judged.why, tag);
  if (tag === null) {
    return failed(
      facts,
      'review',
      `the review's promotion record does not list SHA-256 ${facts.sha256}: it was not promoted by this review`,
    );
  }
  if (!review.verifiedTags.has(tag)) {
    return failed(
      facts,
      'tag',
      `the review's audit log records no verification of the tag ${tag}`,
      tag,
    );
  }
  return { ...identity(facts), status: 'verified', brokenLink: null, problem: null, tag };
}
