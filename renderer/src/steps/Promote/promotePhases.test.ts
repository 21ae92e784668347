import { describe, expect, it } from 'vitest';
import { promotePhaseStates, type PromotePhaseState } from './promotePhases';

const all = (state: PromotePhaseState): PromotePhaseState[] =>
  Array<PromotePhaseState>(5).fill(state);
const states = (phase: string | null, jobState: Parameters<typeof promotePhaseStates>[1]) =>
  promotePhaseStates(phase, jobState).map((item) => item.state);

describe('promotePhaseStates', () => {
  it('marks the phases before the current one done and the rest waiting', () => {
    expect(states('sign', 'running')).toEqual(['done', 'done', 'current', 'waiting', 'waiting']);
  });

  it('leaves every phase waiting while the plan is checked again', () => {
    expect(states('read apt-test', 'running')).toEqual(all('waiting'));
    expect(states(null, 'running')).toEqual(all('waiting'));
  });

  it('shows where a failed or cancelled publication stopped, and all done when it succeeded', () => {
    expect(states('switch', 'failed')).toEqual(['done', 'done', 'done', 'failed', 'waiting']);
    expect(states('pool', 'cancelled')).toEqual(['stopped', ...all('waiting').slice(1)]);
    expect(states('done', 'succeeded')).toEqual(all('done'));
    expect(states('cleanup', 'succeeded')).toEqual(all('done'));
  });
});
