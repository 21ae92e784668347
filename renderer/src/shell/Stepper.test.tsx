import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useReleasesStore } from '../releases/releasesStore';
import { FINISHED_RELEASE, sampleOverview } from '../releases/testing/sampleReleases';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';
import { render } from '../testing/render';
import { NextStepAction } from './NextStepAction';
import { Stepper } from './Stepper';

afterEach(() => {
  useReleasesStore.setState(useReleasesStore.getInitialState(), true);
});

/** The window after a reload: the release chosen, its verification only recorded. */
function recordedRelease() {
  useReleasesStore.setState({ overview: sampleOverview(FINISHED_RELEASE) });
  useReleaseStore.setState({
    selectedTag: 'v1.0.0',
    recordedVerified: { 'v1.0.0': FINISHED_RELEASE.tagVerified?.at ?? '' },
  });
}

describe('Stepper', () => {
  it('opens the steps a recorded release allows and marks its finished steps in words', () => {
    recordedRelease();
    render(<Stepper />);
    expect(screen.getByRole('tab', { name: /^Rebuild\s*Done/ }).getAttribute('aria-disabled')).toBe(
      null,
    );
    expect(screen.getByRole('tab', { name: /^Verify\s*Done/ })).toBeTruthy();
    expect(screen.getByTestId('step-promote').textContent).toContain('✓');
  });

  it('says why a step is closed while no tag is verified', () => {
    render(<Stepper />);
    const rebuild = screen.getByRole('tab', { name: /^Rebuild/ });
    expect(rebuild.getAttribute('aria-disabled')).toBe('true');
    expect(rebuild.textContent).toContain('Verify the tag first');
  });
});

describe('NextStepAction', () => {
  it('offers the next step once the step shown is finished', async () => {
    recordedRelease();
    useUiStore.setState({ step: 'rebuild' });
    const { user } = render(<NextStepAction />);
    await user.click(screen.getByRole('button', { name: /Next: Compare/ }));
    expect(useUiStore.getState().step).toBe('compare');
  });

  it('offers nothing on the Tag step while another tag than the release’s is chosen', () => {
    recordedRelease();
    useReleaseStore.setState({ activeTag: 'v1.0.0', selectedTag: 'v6.6.6-evil' });
    render(<NextStepAction />);
    expect(screen.queryByTestId('next-step')).toBeNull();
  });
});
