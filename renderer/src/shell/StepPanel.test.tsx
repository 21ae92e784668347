import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useMachineStore } from '../stores/machineStore';
import { useUiStore } from '../stores/uiStore';
import { gitMissing, reportWith } from '../testing/machineReports';
import { render } from '../testing/render';
import { StepPanel } from './StepPanel';

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
