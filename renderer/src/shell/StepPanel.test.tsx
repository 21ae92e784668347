import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MachineReport, ToolCheck } from '../../../shared/doctor';
import { useMachineStore } from '../stores/machineStore';
import { useUiStore } from '../stores/uiStore';
import { render } from '../testing/render';
import { StepPanel } from './StepPanel';

const ok = (tool: ToolCheck['tool'], blocks: ToolCheck['blocks']): ToolCheck => ({
  tool,
  status: 'ok',
  version: '1.0',
  problem: null,
  fix: null,
  purpose: 'a purpose',
  blocks,
});

function reportWith(...broken: ToolCheck[]): MachineReport {
  const tools: ToolCheck[] = [
    ok('git', [
      { step: 'tag', only: null },
      { step: 'rebuild', only: null },
    ]),
    ok('diffoscope', [{ step: 'review', only: "diffoscope's report" }]),
  ];
  return {
    checkedAt: '2026-12-02T00:00:00.000Z',
    tools: tools.map((tool) => broken.find((other) => other.tool === tool.tool) ?? tool),
  };
}

const gitMissing: ToolCheck = {
  ...ok('git', [
    { step: 'tag', only: null },
    { step: 'rebuild', only: null },
  ]),
  status: 'missing',
  version: null,
  problem: 'git is not installed (not found on the PATH).',
  fix: 'apt-get install -y git',
};

afterEach(() => {
  useMachineStore.setState(useMachineStore.getInitialState(), true);
});

describe('StepPanel and the machine', () => {
  it('shows the notice above the Tag step when git is missing, before the user starts it', () => {
    useMachineStore.setState({ report: reportWith(gitMissing) });
    useUiStore.setState({ step: 'tag' });
    render(<StepPanel />);
    expect(
      screen.getByRole('status', { name: 'This step cannot run on this machine' }),
    ).toBeTruthy();
  });

  it('shows no notice above a step whose tools are all present', () => {
    useMachineStore.setState({ report: reportWith(gitMissing) });
    useUiStore.setState({ step: 'compare' });
    render(<StepPanel />);
    expect(screen.queryByTestId('machine-notice')).toBeNull();
  });

  it('shows nothing while the engine has not answered', () => {
    useUiStore.setState({ step: 'tag' });
    render(<StepPanel />);
    expect(screen.queryByTestId('machine-notice')).toBeNull();
  });
});
