import type * as openpgp from 'openpgp';
import type { RebuilderPolicy } from '../../../shared/rebuilders';
import type { AptSelection } from '../lib/apt/aptTypes';
import type { ReleaseKey } from '../lib/openpgp/releaseKey';
import type { LoadedReviewPolicy } from '../lib/reviewers/index';
import type { TagGate } from '../lib/reviewFolder/tagGate';

/** apt-prod's Release fields a project sets; suite and codename default to apt-test's. */
export interface ProdSettings {
  root: string;
  suite?: string;
  codename?: string;
  origin: string;
  label: string;
  validDays?: number;
  acquireByHash: boolean;
  /** apt-prod as its users fetch it, named in the attestations; its folder's file: URL otherwise. */
  url?: string;
}

/**
 * Everything a promotion reads, whichever transport asks: the UI and `serve`
 * fill it from the project; the CLI from its options. The gate itself is the
 * same code either way.
 */
export interface PromotionSources {
  tag: string;
  reviewDir: string;
  /** apt-test's root (path or URL) and the keys its Release must be signed by. */
  aptTest: { root: string; keys: openpgp.PublicKey[]; selection: Omit<AptSelection, 'packages'> };
  aptProd: ProdSettings;
  /** Judges the tag, given the commit that was rebuilt. */
  tagGate: (rebuiltCommit: string | null) => Promise<TagGate>;
  /** The release key, still encrypted; throws a refusal when there is none or it cannot sign. */
  releaseKey: (date: Date) => Promise<ReleaseKey>;
  /**
   * The project's review policy and identity (what reviewers' statements
   * name): the gate then counts approvals; without it any accepted decision
   * approves, as before.
   */
  review?: { projectId: string; policy: LoadedReviewPolicy };
  /** The project's independent rebuilders: the promotion publishes their links for apt-transport-in-toto. */
  rebuilders?: { projectName: string; policy: RebuilderPolicy };
}

/** What a withdrawal reads: apt-prod, the release key and the review it is recorded in; no apt-test. */
export type WithdrawalSources = Pick<
  PromotionSources,
  'tag' | 'reviewDir' | 'aptProd' | 'releaseKey'
>;
