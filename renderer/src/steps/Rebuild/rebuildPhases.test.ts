import { describe, expect, it } from 'vitest';
import { nextBuildNumber, overallProgress, phaseIndex, phaseViews } from './rebuildPhases';

describe('rebuild phases', () => {
  it('places starting before the first phase and done after the last', () => {
    expect(phaseIndex('starting')).toBe(-1);
    expect(phaseIndex('prepare image')).toBe(0);
    expect(phaseIndex('collect')).toBe(3);
    expect(phaseIndex('done')).toBe(4);
    expect(phaseIndex('something new')).toBe(-1);
  });

  it('marks the phases before the current one done and those after it pending', () => {
    expect(phaseViews('build', 'running').map((phase) => phase.state)).toEqual([
      'done',
      'done',
      'current',
      'pending',
    ]);
    expect(phaseViews('done', 'succeeded').every((phase) => phase.state === 'done')).toBe(true);
  });

  it('shows where a failed or cancelled rebuild stopped', () => {
    expect(phaseViews('install build deps', 'failed')[1]?.state).toBe('failed');
    expect(phaseViews('build', 'cancelled')[2]?.state).toBe('stopped');
    expect(phaseViews('build', 'cancelled')[3]?.state).toBe('pending');
  });

  it('counts the second build of a reproducibility check when the phases start over', () => {
    expect(nextBuildNumber('build', 'collect', 1)).toBe(1);
    expect(nextBuildNumber('done', 'prepare image', 1)).toBe(2);
    expect(nextBuildNumber('collect', 'prepare image', 1)).toBe(2);
    expect(nextBuildNumber('done', 'done', 2)).toBe(2);
  });

  it('spreads the progress of two builds over one bar', () => {
    const progress = { done: 2, total: 4, unit: 'steps' } as const;
    expect(overallProgress(progress, 1, 1)).toEqual({ done: 2, total: 4, unit: 'steps' });
    expect(overallProgress(progress, 2, 2)).toEqual({ done: 6, total: 8, unit: 'steps' });
    expect(overallProgress(null, 1, 2)).toBeNull();
  });
});
