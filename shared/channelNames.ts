/**
 * The contract's channel names alone, without schemas, so the preload (which
 * only forwards) stays tiny. shared/api.ts checks at compile time that these
 * and its schema map name the same channels.
 */
export const CHANNEL_NAMES = [
  'project:current',
  'project:recent',
  'project:open',
  'project:openDemo',
  'project:fetch',
  'setup:inspectSource',
  'setup:inspectKeys',
  'setup:checkCi',
  'setup:create',
  'releases:list',
  'machine:check',
  'signers:import',
  'signers:remove',
  'tags:verify',
  'rebuild:run',
  'rebuild:list',
  'compare:run',
  'compare:last',
  'review:open',
  'review:runReport',
  'review:diffPage',
  'review:memberDiff',
  'review:decide',
  'review:summary',
  'review:inspectArtifact',
  'review:signOff',
  'review:approveArtifact',
  'review:importDecisions',
  'bundle:open',
  'bundle:current',
  'bundle:close',
  'bundle:writeDecisions',
  'rebuilder:current',
  'rebuilder:importKey',
  'rebuild:attest',
  'reviewer:current',
  'reviewer:importKey',
  'signing:importKey',
  'promote:plan',
  'promote:run',
  'promote:rollback',
  'promote:withdraw',
  'verify:repo',
  'audit:history',
  'jobs:cancel',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The push channel for job events (IPC) and its HTTP counterparts. */
export const JOB_EVENTS_CHANNEL = 'jobs:event';
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/events';
