import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useJobsStore } from '../stores/jobsStore';
import { useUiStore } from '../stores/uiStore';
import { render } from '../testing/render';
import { JobDrawer } from './JobDrawer';
import { JobDrawerToggle } from './JobDrawerToggle';

describe('JobDrawer', () => {
  it('closes on Escape wherever focus is, giving focus back to its toggle', async () => {
    const { user } = render(
      <>
        <JobDrawerToggle />
        <JobDrawer />
      </>,
    );
    await user.click(screen.getByTestId('job-drawer-toggle'));
    expect(screen.getByTestId('job-drawer').hidden).toBe(false);
    (document.activeElement as HTMLElement | null)?.blur();

    await user.keyboard('{Escape}');
    expect(useUiStore.getState().drawerOpen).toBe(false);
    expect(screen.getByTestId('job-drawer').hidden).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId('job-drawer-toggle'));
  });

  it('shows a repeated piece of work once, with how many times it ran', () => {
    const at = '2026-02-01T10:00:00.000Z';
    for (const jobId of ['p1', 'p2']) {
      for (const state of ['running', 'succeeded'] as const) {
        useJobsStore.getState().receive({
          jobId,
          kind: 'promote-plan',
          title: 'Plan the promotion',
          phase: 'done',
          progress: null,
          state,
          at,
        });
      }
    }
    useUiStore.setState({ drawerOpen: true });
    render(<JobDrawer />);
    expect(screen.getAllByTestId('job-card')).toHaveLength(1);
    expect(screen.getByTestId('job-card-runs').textContent).toBe('2 runs, latest shown');
  });
});
