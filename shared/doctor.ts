import { z } from 'zod';

/** The outside programs a release walk may run, each checked by `countersign doctor`. */
export const MACHINE_TOOLS = ['git', 'docker', 'mmdebstrap', 'diffoscope', 'xz', 'gpgv'] as const;
export const machineToolSchema = z.enum(MACHINE_TOOLS);
export type MachineTool = z.infer<typeof machineToolSchema>;

/** The six steps of a release, by the names every layer uses. */
export const RELEASE_STEPS = ['tag', 'rebuild', 'compare', 'review', 'promote', 'verify'] as const;
export const releaseStepSchema = z.enum(RELEASE_STEPS);
export type ReleaseStep = z.infer<typeof releaseStepSchema>;

/** A step that needs a tool: all of it, or only the part `only` names. */
export const toolNeedSchema = z.object({
  step: releaseStepSchema,
  /** Null: the whole step needs the tool. Otherwise the part of it that does, e.g. "bootstrapped base images". */
  only: z.string().nullable(),
});
export type ToolNeed = z.infer<typeof toolNeedSchema>;

/**
 * One tool as this machine has it: `ok` (it ran and answered), `missing` (not
 * on the PATH) or `unusable` (present but it failed, e.g. no Docker engine
 * answers), with the exact command that installs or starts it.
 */
export const toolCheckSchema = z.object({
  tool: machineToolSchema,
  status: z.enum(['ok', 'missing', 'unusable']),
  /** The version it reported ("2.39.5"), or null when it did not answer. */
  version: z.string().nullable(),
  /** Why it cannot be used, in the tool's own words where it gave some; null when ok. */
  problem: z.string().nullable(),
  /** The command that installs or starts it on this machine; null when ok. */
  fix: z.string().nullable(),
  /** What Countersign runs it for. */
  purpose: z.string(),
  /** The steps that cannot run (or only in part) without it. Empty: no step runs it. */
  blocks: z.array(toolNeedSchema),
});
export type ToolCheck = z.infer<typeof toolCheckSchema>;

/** What this machine can do: every tool checked at once. */
export const machineReportSchema = z.object({
  checkedAt: z.string(),
  tools: z.array(toolCheckSchema),
});
export type MachineReport = z.infer<typeof machineReportSchema>;

/** A step some missing or unusable tool keeps from running, and which tools. */
export interface BlockedStep {
  step: ReleaseStep;
  /** True when the whole step cannot run; false when only a part of it (each blocker's `only`). */
  whole: boolean;
  blockers: { check: ToolCheck; only: string | null }[];
}

/** True when every tool answered: each step can run here. */
export function machineUsable(report: MachineReport): boolean {
  return report.tools.every((check) => check.status === 'ok');
}

/** The steps that cannot run on this machine (wholly or in part), in the walk's order. */
export function blockedSteps(report: MachineReport): BlockedStep[] {
  const blocked: BlockedStep[] = [];
  for (const step of RELEASE_STEPS) {
    const blockers = report.tools
      .filter((check) => check.status !== 'ok')
      .flatMap((check) =>
        check.blocks
          .filter((need) => need.step === step)
          .map((need) => ({ check, only: need.only })),
      );
    if (blockers.length > 0) {
      blocked.push({ step, whole: blockers.some((blocker) => blocker.only === null), blockers });
    }
  }
  return blocked;
}

/** What keeps one step from running here, or null when nothing does. */
export function stepBlockers(report: MachineReport, step: ReleaseStep): BlockedStep | null {
  return blockedSteps(report).find((blocked) => blocked.step === step) ?? null;
}
