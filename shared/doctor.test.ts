import { describe, expect, it } from 'vitest';
import {
  blockedSteps,
  machineUsable,
  stepBlockers,
  type MachineReport,
  type ToolCheck,
} from './doctor';

function check(
  tool: ToolCheck['tool'],
  status: ToolCheck['status'],
  blocks: ToolCheck['blocks'],
): ToolCheck {
  return {
    tool,
    status,
    version: status === 'ok' ? '1.0' : null,
    problem: status === 'ok' ? null : `${tool} is ${status}`,
    fix: status === 'ok' ? null : `apt-get install -y ${tool}`,
    purpose: 'a purpose',
    blocks,
  };
}

const report = (...tools: ToolCheck[]): MachineReport => ({
  checkedAt: '2026-12-02T00:00:00Z',
  tools,
});

describe('blockedSteps', () => {
  it('finds nothing blocked when every tool is ok', () => {
    const all = report(check('git', 'ok', [{ step: 'tag', only: null }]));
    expect(blockedSteps(all)).toEqual([]);
    expect(machineUsable(all)).toBe(true);
  });

  it('blocks every step a missing tool is needed by, in the walk order', () => {
    const blocked = blockedSteps(
      report(
        check('git', 'missing', [
          { step: 'rebuild', only: null },
          { step: 'tag', only: null },
        ]),
      ),
    );
    expect(blocked.map((step) => step.step)).toEqual(['tag', 'rebuild']);
    expect(blocked.every((step) => step.whole)).toBe(true);
  });

  it('tells a step blocked only in part from one blocked whole', () => {
    const partly = report(
      check('docker', 'ok', [{ step: 'rebuild', only: null }]),
      check('mmdebstrap', 'missing', [{ step: 'rebuild', only: 'bootstrapped bases' }]),
    );
    expect(stepBlockers(partly, 'rebuild')).toMatchObject({ whole: false });
    const wholly = report(
      check('docker', 'unusable', [{ step: 'rebuild', only: null }]),
      check('mmdebstrap', 'missing', [{ step: 'rebuild', only: 'bootstrapped bases' }]),
    );
    const rebuild = stepBlockers(wholly, 'rebuild');
    expect(rebuild?.whole).toBe(true);
    expect(rebuild?.blockers.map((blocker) => blocker.check.tool)).toEqual([
      'docker',
      'mmdebstrap',
    ]);
  });

  it('blocks no step for a tool no step runs, yet the machine is not fully usable', () => {
    const noGpgv = report(check('gpgv', 'missing', []));
    expect(blockedSteps(noGpgv)).toEqual([]);
    expect(machineUsable(noGpgv)).toBe(false);
  });
});
