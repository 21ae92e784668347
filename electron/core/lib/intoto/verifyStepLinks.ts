import { canonicalJson } from './canonicalJson';
import type { Layout, Link, Metablock } from './metadata';
import { verifyMetablockSignature } from './verifyMetablock';

/** How a step's links fare against the layout: who counted, what was set aside, and why. */
export interface StepVerdict {
  step: string;
  threshold: number;
  /** Primary keyids of the distinct functionaries whose links counted. */
  countedKeys: string[];
  /** Links not counted, by their index in the input, with the reason. */
  setAside: { index: number; reason: string }[];
  /** Set when counted links disagree on their materials or products. */
  disagreement?: string;
  satisfied: boolean;
}

/**
 * Judges a step's links as in-toto-verify does (verify_link_signature_thresholds
 * and verify_threshold_constraints): a link counts only when validly signed
 * by a key the step names, or a subkey the layout lists under it; links by
 * one functionary (several subkeys, or the same link twice) count once; and
 * the counted links must report the same materials and products.
 * The layout's own signature is checked apart (verifyMetablockSignature).
 */
export function verifyStepLinks(
  layout: Layout,
  stepName: string,
  links: Metablock<Link>[],
  now: Date,
): StepVerdict {
  const step = layout.steps.find((candidate) => candidate.name === stepName);
  if (!step) throw new Error(`the layout has no step "${stepName}"`);
  const setAside: StepVerdict['setAside'] = [];
  const counted = new Map<string, Metablock<Link>>();
  links.forEach((link, index) => {
    if (link.signed.name !== step.name) {
      setAside.push({ index, reason: `a link for "${link.signed.name}", not "${step.name}"` });
      return;
    }
    const functionary = step.pubkeys
      .map((keyid) => layout.keys[keyid])
      .find((key) =>
        link.signatures.some((s) => s.keyid === key?.keyid || key?.subkeys?.[s.keyid]),
      );
    if (!functionary) {
      const signers = link.signatures.map((s) => s.keyid).join(', ') || 'nobody';
      setAside.push({ index, reason: `signed by ${signers}, not a functionary of "${step.name}"` });
      return;
    }
    const verdict = verifyMetablockSignature(link, functionary, now);
    if (!verdict.valid) {
      setAside.push({ index, reason: verdict.reason });
      return;
    }
    if (counted.has(functionary.keyid)) {
      setAside.push({ index, reason: `another link by ${functionary.keyid} already counted` });
      return;
    }
    counted.set(functionary.keyid, link);
  });
  const verdict: StepVerdict = {
    step: step.name,
    threshold: step.threshold,
    countedKeys: [...counted.keys()],
    setAside,
    satisfied: counted.size >= step.threshold,
  };
  const [reference, ...others] = [...counted.entries()];
  if (reference) {
    const artifactsOf = (link: Metablock<Link>) =>
      canonicalJson({ materials: link.signed.materials, products: link.signed.products });
    const differing = others.find(([, link]) => artifactsOf(link) !== artifactsOf(reference[1]));
    if (differing) {
      verdict.disagreement = `links by ${reference[0]} and ${differing[0]} report different artifacts`;
      verdict.satisfied = false;
    }
  }
  return verdict;
}
