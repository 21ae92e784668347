import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ToolCheck } from '../../../shared/doctor';
import { blockedSteps } from '../../../shared/doctor';
import { gitMissing, ok, reportWith } from '../testing/machineReports';
import { render } from '../testing/render';
import { MachineNotice } from './MachineNotice';

describe('MachineNotice', () => {
  it('says a step cannot run, which tool is missing and the command to run, as a status with a heading', () => {
    const [blocked] = blockedSteps(reportWith(gitMissing));
    if (!blocked) throw new Error('expected a blocked step');
    render(<MachineNotice blocked={blocked} />);
    const notice = screen.getByRole('status', { name: 'This step cannot run on this machine' });
    expect(within(notice).getByText(/git is missing/)).toBeTruthy();
    expect(within(notice).getByText('apt-get install -y git').tagName).toBe('CODE');
  });

  it('says only part of review cannot run without diffoscope', () => {
    const diffoscopeMissing: ToolCheck = {
      ...ok('diffoscope', [{ step: 'review', only: "diffoscope's report" }]),
      status: 'missing',
      version: null,
      fix: 'apt-get install -y diffoscope-minimal',
    };
    const [blocked] = blockedSteps(reportWith(diffoscopeMissing));
    if (!blocked) throw new Error('expected a blocked step');
    render(<MachineNotice blocked={blocked} />);
    expect(
      screen.getByRole('status', { name: 'Part of this step cannot run on this machine' }),
    ).toBeTruthy();
    expect(screen.getByText(/needed for diffoscope's report/)).toBeTruthy();
  });

  it('shows hostile text from a tool as text, never as markup', () => {
    const hostile: ToolCheck = {
      ...gitMissing,
      status: 'unusable',
      problem: '<img src=x onerror=alert(1)>',
    };
    const [blocked] = blockedSteps(reportWith(hostile));
    if (!blocked) throw new Error('expected a blocked step');
    const { container } = render(<MachineNotice blocked={blocked} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(/<img src=x onerror=alert\(1\)>/)).toBeTruthy();
  });
});
