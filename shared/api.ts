import { z } from 'zod';
import {
  CHANNEL_NAMES,
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  JOB_EVENTS_CHANNEL,
  type ChannelName,
} from './channelNames';
import { artifactContentsSchema, inspectArtifactRequestSchema } from './artifactContents';
import { signOffRequestSchema, signOffResultSchema } from './approvals';
import { auditHistoryRequestSchema, auditHistorySchema } from './audit';
import { repositoryVerificationSchema, verifyRepoRequestSchema } from './verify';
import { machineReportSchema } from './doctor';
import { compareResultSchema, lastCompareRequestSchema, runCompareRequestSchema } from './compare';
import { outcomeSchema, type Outcome } from './errors';
import { projectSummarySchema } from './project';
import {
  ciInspectionSchema,
  ciSetupSchema,
  fetchTagsResultSchema,
  initProjectRequestSchema,
  inspectKeysRequestSchema,
  inspectSourceRequestSchema,
  keysInspectionSchema,
  openProjectRequestSchema,
  recentProjectsSchema,
  sourceInspectionSchema,
} from './projectSetup';
import { releasesOverviewSchema } from './releases';
import {
  listRebuildsRequestSchema,
  rebuildResultSchema,
  rebuildSummarySchema,
  runRebuildRequestSchema,
} from './rebuild';
import {
  approveArtifactRequestSchema,
  approveArtifactResultSchema,
  artifactReviewSchema,
  decideRequestSchema,
  diffPageRequestSchema,
  diffPageSchema,
  memberDiffRequestSchema,
  openReviewRequestSchema,
  reviewSummaryRequestSchema,
  reviewSummarySchema,
  runReportRequestSchema,
} from './review';
import {
  promotionPlanSchema,
  promotionRequestSchema,
  promotionResultSchema,
  rollbackRequestSchema,
  rollbackResultSchema,
  withdrawalRequestSchema,
  withdrawalResultSchema,
  runPromotionRequestSchema,
} from './promote';
import { importReviewerKeyRequestSchema, reviewerKeyInfoSchema } from './reviewers';
import { importReleaseKeyRequestSchema, releaseKeyInfoSchema } from './signing';
import {
  importDecisionsRequestSchema,
  importDecisionsResultSchema,
  openBundleRequestSchema,
  openedBundleSchema,
  writeDecisionsRequestSchema,
  writtenDecisionsSchema,
} from './reviewBundle';
import {
  attestRebuildRequestSchema,
  importRebuilderKeyRequestSchema,
  rebuildLinksResultSchema,
} from './rebuilders';
import { importSignerRequestSchema, removeSignerRequestSchema } from './signers';
import { tagVerdictSchema, verifyTagRequestSchema } from './tags';

/**
 * The one contract between the UI and the engine. Each channel is namespaced by
 * step and has a request schema and a response schema; every transport (IPC,
 * HTTP) validates requests against these before the core sees them, and the
 * renderer validates responses before it trusts them.
 */
export const channels = {
  /** The open project, or null when none is (the start screen shows). */
  'project:current': {
    request: z.object({}).strict(),
    response: projectSummarySchema.nullable(),
  },
  /** Projects opened before, newest first, for the start screen. */
  'project:recent': {
    request: z.object({}).strict(),
    response: recentProjectsSchema,
  },
  /** Opens a project.json (checked as `loadProject` checks it) and remembers it as recent. */
  'project:open': {
    request: openProjectRequestSchema.strict(),
    response: projectSummarySchema,
  },
  /** Opens the demo in the app's data folder, making it first when there is none (a job). */
  'project:openDemo': {
    request: z.object({}).strict(),
    response: projectSummarySchema,
  },
  /** Re-fetches the tags of a project whose source is a mirrored URL; says which are new. */
  'project:fetch': {
    request: z.object({}).strict(),
    response: fetchTagsResultSchema,
  },
  /** New project, first question: the source (a URL is mirrored), its tags and detected recipe. */
  'setup:inspectSource': {
    request: inspectSourceRequestSchema.strict(),
    response: sourceInspectionSchema,
  },
  /** Reads keys (files, gpg fingerprints, pasted) to show each one before it is trusted. */
  'setup:inspectKeys': {
    request: inspectKeysRequestSchema.strict(),
    response: keysInspectionSchema,
  },
  /** Checks CI's source at once: for apt, reads and verifies its signed Release. */
  'setup:checkCi': {
    request: ciSetupSchema.strict(),
    response: ciInspectionSchema,
  },
  /** Writes the project (every answer checked again) and opens it. */
  'setup:create': {
    request: initProjectRequestSchema.strict(),
    response: projectSummarySchema,
  },
  /** Every release (tag) of the open project and how far it got. */
  'releases:list': {
    request: z.object({}).strict(),
    response: releasesOverviewSchema,
  },
  /** Which outside tools this machine has and can use, each with its fix; needs no project. */
  'machine:check': {
    request: z.object({}).strict(),
    response: machineReportSchema,
  },
  'signers:import': {
    request: importSignerRequestSchema.strict(),
    response: projectSummarySchema,
  },
  'signers:remove': {
    request: removeSignerRequestSchema.strict(),
    response: projectSummarySchema,
  },
  'tags:verify': {
    request: verifyTagRequestSchema.strict(),
    response: tagVerdictSchema,
  },
  /** Rebuilds a verified tag; answers when done, streaming progress as job events meanwhile. */
  'rebuild:run': {
    request: runRebuildRequestSchema.strict(),
    response: rebuildResultSchema,
  },
  /** The finished rebuilds of a release kept in its review folder. */
  'rebuild:list': {
    request: listRebuildsRequestSchema.strict(),
    response: z.array(rebuildSummarySchema),
  },
  /** Compares the project's CI artifacts with the release's rebuild; progress in bytes hashed. */
  'compare:run': {
    request: runCompareRequestSchema.strict(),
    response: compareResultSchema,
  },
  /** The release's last saved comparison, or null before the first. */
  'compare:last': {
    request: lastCompareRequestSchema.strict(),
    response: compareResultSchema.nullable(),
  },
  /**
   * Opens one differing artifact for review: at once our own member listing,
   * diffoscope's tree when its report exists, and the decisions so far. Starts
   * the full report in the background (a "diffoscope" job) when there is none.
   */
  'review:open': {
    request: openReviewRequestSchema.strict(),
    response: artifactReviewSchema,
  },
  /** Runs (or re-runs) diffoscope's full report, with an optional time limit; answers when done. */
  'review:runReport': {
    request: runReportRequestSchema.strict(),
    response: artifactReviewSchema,
  },
  /** A page of one difference's unified diff. */
  'review:diffPage': {
    request: diffPageRequestSchema.strict(),
    response: diffPageSchema,
  },
  /** The diff of one member pair from the provisional view (diffoscope on just that pair). */
  'review:memberDiff': {
    request: memberDiffRequestSchema.strict(),
    response: diffPageSchema,
  },
  /** Records decisions (each its own audit entry) and answers the artifact's new state. */
  'review:decide': {
    request: decideRequestSchema,
    response: artifactReviewSchema,
  },
  /** Where every differing artifact of a release stands. */
  'review:summary': {
    request: reviewSummaryRequestSchema.strict(),
    response: reviewSummarySchema,
  },
  /**
   * What CI's copy of a package holds (control fields, file list with modes
   * and link targets), read with the safe readers and never unpacked: for the
   * package only CI built, which no diff explains.
   */
  'review:inspectArtifact': {
    request: inspectArtifactRequestSchema.strict(),
    response: artifactContentsSchema,
  },
  /**
   * A reviewer signs off on a release with their own key (unlocked for this
   * signature only): an in-toto link for the step `approve` listing the
   * release's .debs their decisions approve, published at promotion.
   */
  'review:signOff': {
    request: signOffRequestSchema.strict(),
    response: signOffResultSchema,
  },
  /**
   * Approves, signed by this machine's reviewer key, a whole artifact
   * identical to the rebuild: what a review policy's identicalThreshold counts.
   */
  'review:approveArtifact': {
    request: approveArtifactRequestSchema.strict(),
    response: approveArtifactResultSchema,
  },
  /**
   * Imports a reviewer's signed decisions file made on another machine from
   * a review bundle: appended to the release's audit log only when it, and
   * every decision in it, verifies against the pinned, unrevoked reviewers
   * and this release's artifacts and reports; nothing otherwise, and nothing
   * a second time.
   */
  'review:importDecisions': {
    request: importDecisionsRequestSchema.strict(),
    response: importDecisionsResultSchema,
  },
  /**
   * Opens a review bundle made on another machine (checked for hostile paths,
   * links and sizes, every SHA-256) in place of a project: the window then
   * reviews its one release, read-only but for this reviewer's decisions.
   */
  'bundle:open': {
    request: openBundleRequestSchema.strict(),
    response: openedBundleSchema,
  },
  /** The review bundle open in the window, or null when none is. */
  'bundle:current': {
    request: z.object({}).strict(),
    response: openedBundleSchema.nullable(),
  },
  /** Closes the open review bundle (its folder and decisions are kept): back to the start screen. */
  'bundle:close': {
    request: z.object({}).strict(),
    response: z.object({}),
  },
  /**
   * Writes this machine's reviewer's decisions in the open bundle as one file
   * signed by their key (unlocked for this signature only), for the release
   * manager to import.
   */
  'bundle:writeDecisions': {
    request: writeDecisionsRequestSchema.strict(),
    response: writtenDecisionsSchema,
  },
  /** This machine's rebuilder key (never its secret part), or null when none is imported. */
  'rebuilder:current': {
    request: z.object({}).strict(),
    response: reviewerKeyInfoSchema.nullable(),
  },
  /** Imports this machine's rebuilder key, still encrypted; never the release key. */
  'rebuilder:importKey': {
    request: importRebuilderKeyRequestSchema.strict(),
    response: reviewerKeyInfoSchema,
  },
  /**
   * Signs, with this machine's rebuilder key, an in-toto link for the step
   * `rebuild` per package its rebuild reproduced, for apt-transport-in-toto;
   * the next promotion publishes them.
   */
  'rebuild:attest': {
    request: attestRebuildRequestSchema.strict(),
    response: rebuildLinksResultSchema,
  },
  /** This machine's reviewer key (never its secret part), or null when none is imported. */
  'reviewer:current': {
    request: z.object({}).strict(),
    response: reviewerKeyInfoSchema.nullable(),
  },
  /**
   * Imports this machine's reviewer key into the app's data folder, still
   * encrypted: refused when unprotected, weak, unable to sign, expired,
   * revoked, or the project's release key.
   */
  'reviewer:importKey': {
    request: importReviewerKeyRequestSchema.strict(),
    response: reviewerKeyInfoSchema,
  },
  /**
   * Imports the release key into the project, still encrypted: refused when it
   * is public only, unprotected (unless allowed), expired, revoked or cannot sign.
   */
  'signing:importKey': {
    request: importReleaseKeyRequestSchema.strict(),
    response: releaseKeyInfoSchema,
  },
  /** What a promotion would do, and what the gate refuses; writes nothing. */
  'promote:plan': {
    request: promotionRequestSchema.strict(),
    response: promotionPlanSchema,
  },
  /**
   * Signs and publishes the plan the user read (refused if it changed since),
   * switching apt-prod atomically; answers when done, with progress as job events.
   */
  'promote:run': {
    request: runPromotionRequestSchema.strict(),
    response: promotionResultSchema,
  },
  /** Switches apt-prod back to the publication before the current one. */
  'promote:rollback': {
    request: rollbackRequestSchema.strict(),
    response: rollbackResultSchema,
  },
  /**
   * Takes a package apt-prod serves out of it in a new signed publication
   * (audited, with the reason); answers when done, with progress as job events.
   */
  'promote:withdraw': {
    request: withdrawalRequestSchema.strict(),
    response: withdrawalResultSchema,
  },
  /**
   * Step 6: QA verifies an apt repository (by default the project's apt-prod,
   * by URL or folder) against a public keyring (by default the release key's
   * public part), and with a tag down to each package's review; the verdict
   * then lands in that release's audit log.
   */
  'verify:repo': {
    request: verifyRepoRequestSchema.strict(),
    response: repositoryVerificationSchema,
  },
  /** The release's history from its audit log, the chain checked and the signed head verified. */
  'audit:history': {
    request: auditHistoryRequestSchema.strict(),
    response: auditHistorySchema,
  },
  /** Cancels a running job (a rebuild: its containers are removed, nothing half-copied is kept). */
  'jobs:cancel': {
    request: z.object({ jobId: z.string().uuid() }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const;

export type Channel = keyof typeof channels;
export type RequestOf<C extends Channel> = z.infer<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<(typeof channels)[C]['response']>;

// Compile-time proof that the bare name list and the schema map agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<Channel, ChannelName> = true;
void namesMatch;
export { CHANNEL_NAMES, JOB_EVENTS_CHANNEL, HTTP_API_PREFIX, HTTP_EVENTS_PATH };

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** The engine as every transport sees it: one async function per channel. */
export type CountersignApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

/** The same calls as the renderer makes them: errors come back as data, never thrown. */
export type CountersignClient = {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Outcome<ResponseOf<C>>>;
};

export const responseOutcomeSchema = <C extends Channel>(channel: C) =>
  outcomeSchema(channels[channel].response);
