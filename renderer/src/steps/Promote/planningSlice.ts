import type { StateCreator } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import type { AppError } from '../../../../shared/errors';
import type { PromotionPlan, PromotionRequest } from '../../../../shared/promote';
import type { ReleaseKeyInfo } from '../../../../shared/signing';
import { chosenPackages, planRequestFor, samePlanRequest, withPackage } from './candidateSelection';
import {
  createJobFollowSlice,
  JOB_IDLE,
  JOB_STARTED,
  jobSettled,
  type JobFollowSlice,
} from '../../stores/jobFollowSlice';

/** The planning job ("promote-plan") comes from the slice: `running` means a plan is being made. */
export interface PlanningState extends JobFollowSlice {
  /** The release being promoted. */
  tag: string | null;
  /** Package names the user chose; null while the engine's default selection holds. */
  selection: string[] | null;
  allowDowngrade: boolean;
  /** The last plan the engine made for this tag. */
  plan: PromotionPlan | null;
  /** The request that made `plan`: promote:run repeats it, with the plan's digest. */
  planRequest: PromotionRequest | null;
  /** The release key the engine took in this window, the newest word on it. */
  importedKey: ReleaseKeyInfo | null;
  importingKey: boolean;
  keyError: AppError | null;

  /** Plans the promotion of a tag; another tag starts from the engine's default selection. */
  openTag: (tag: string) => Promise<void>;
  /** Plans again with the current choices (one plan at a time; the latest choice wins). */
  replan: () => Promise<void>;
  setPackageSelected: (name: string, selected: boolean) => void;
  setAllowDowngrade: (allow: boolean) => void;
  /** Imports the armored release key; true when the engine took it. The key is not kept here. */
  importKey: (key: string, allowUnprotected: boolean) => Promise<boolean>;
  dismissKeyError: () => void;
  /** Back to nothing planned; answers still on their way are dropped. */
  reset: () => void;
}

type PlanData = Pick<
  PlanningState,
  'tag' | 'selection' | 'allowDowngrade' | 'plan' | 'planRequest' | keyof typeof JOB_IDLE
>;

const NOTHING_PLANNED: PlanData = {
  tag: null,
  selection: null,
  allowDowngrade: false,
  plan: null,
  planRequest: null,
  ...JOB_IDLE,
};

/** The request the current choices make, or null with no tag. */
function currentRequest(state: PlanningState): PromotionRequest | null {
  return state.tag === null
    ? null
    : planRequestFor(state.tag, state.selection, state.allowDowngrade);
}

/** Whether the plan shown was made from the current choices (a new one is not on its way). */
export function planIsCurrent(state: PlanningState): boolean {
  return (
    state.plan !== null &&
    !state.running &&
    samePlanRequest(state.planRequest, currentRequest(state))
  );
}

/**
 * Step 5, before anything is written: the plan of a promotion (promote:plan,
 * a job of kind "promote-plan"), the packages the user chose for it, and the
 * release key it would be signed with (signing:importKey). The Promote
 * store's `planning` slice; built from a client so tests can hand it a fake engine.
 */
export function createPlanningSlice(
  client: CountersignClient,
): StateCreator<PlanningState, [], [], PlanningState> {
  // A reset (or another tag) drops the answers of every plan asked for before it.
  let generation = 0;
  // The choices changed while a plan was being made: plan again when it answers.
  let replanWanted = false;
  let inFlight: PromotionRequest | null = null;

  const followJob = createJobFollowSlice<PlanningState>(client, { kind: 'promote-plan' });

  return (set, get, store) => {
    const plan = async (): Promise<void> => {
      const request = currentRequest(get());
      if (request === null) return;
      if (get().running) {
        if (!samePlanRequest(request, inFlight)) replanWanted = true;
        return;
      }
      const ticket = generation;
      inFlight = request;
      set(JOB_STARTED);
      const outcome = await client.invoke('promote:plan', request);
      if (ticket !== generation) return;
      inFlight = null;
      set({
        ...jobSettled(outcome),
        ...(outcome.ok ? { plan: outcome.value, planRequest: request } : {}),
      });
      if (replanWanted) {
        replanWanted = false;
        await plan();
      }
    };

    return {
      ...followJob(set, get, store),
      ...NOTHING_PLANNED,
      importedKey: null,
      importingKey: false,
      keyError: null,

      async openTag(tag) {
        if (get().tag !== tag) {
          generation += 1;
          replanWanted = false;
          inFlight = null;
          set({ ...NOTHING_PLANNED, tag });
        }
        await plan();
      },

      replan: plan,

      setPackageSelected(name, selected) {
        const { plan: shown, selection } = get();
        if (shown === null) return;
        set({
          selection: withPackage(chosenPackages(shown.candidates, selection), name, selected),
        });
        void plan();
      },

      setAllowDowngrade(allowDowngrade) {
        set({ allowDowngrade });
        void plan();
      },

      async importKey(key, allowUnprotected) {
        if (get().importingKey) return false;
        set({ importingKey: true, keyError: null });
        const outcome = await client.invoke('signing:importKey', { key, allowUnprotected });
        set({ importingKey: false });
        if (!outcome.ok) {
          set({ keyError: outcome.error });
          return false;
        }
        set({ importedKey: outcome.value });
        // Whether the plan can be signed now is the engine's to say.
        void plan();
        return true;
      },

      dismissKeyError: () => set({ keyError: null }),

      reset() {
        generation += 1;
        replanWanted = false;
        inFlight = null;
        set(NOTHING_PLANNED);
      },
    };
  };
}
