import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import type { ReleasesOverview as Overview } from '../../../shared/releases';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';
import { render } from '../testing/render';
import { ReleasesButton } from './ReleasesButton';
import { ReleasesOverview } from './ReleasesOverview';
import { useReleasesStore } from './releasesStore';
import {
  FINISHED_RELEASE,
  SAMPLE_AT as AT,
  sampleOverview as overview,
  untouchedRelease as untouched,
} from './testing/sampleReleases';

const finished = FINISHED_RELEASE;

/**
 * The overview as the window shows it: it asks the engine on opening (the
 * test engine never answers), and the test then plays the answer.
 */
function showOverview(value: Overview | null, error: AppError | null = null) {
  useReleasesStore.setState({ shown: true });
  const rendered = render(<ReleasesOverview />);
  act(() => useReleasesStore.setState({ overview: value, loading: false, error }));
  return rendered;
}

afterEach(() => {
  useReleasesStore.setState(useReleasesStore.getInitialState(), true);
});

describe('ReleasesOverview', () => {
  it('shows each release in a table row with the six steps as badges in words', () => {
    showOverview(overview(finished, untouched('v1.0.0-rc1', 'v1.0.0')));
    const table = screen.getByRole('table', { name: /Releases and how far each got/ });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Release', 'Tag', 'Rebuild', 'Compare', 'Review', 'Promote', 'Verify', 'Continue']);
    const [first, second] = screen.getAllByTestId('release-row');
    expect(within(first!).getByRole('rowheader').textContent).toMatch(/^v1\.0\.0/);
    expect(within(first!).getByTestId('release-rebuild').textContent).toBe('✗ Not reproducible');
    expect(within(first!).getByTestId('release-compare').textContent).toBe(
      '✓ 3 identical, 1 differs',
    );
    expect(within(first!).getByTestId('release-review').textContent).toBe('✓ 1 of 1 decided');
    expect(within(first!).getByTestId('release-promote').getAttribute('title')).toContain(
      'to /srv/apt-prod',
    );
    expect(within(second!).getByRole('rowheader').textContent).toContain('RC of v1.0.0');
    expect(second!.className).toContain('releases-table__row--candidate');
    expect(within(second!).getByTestId('release-tag').textContent).toBe('Not verified');
  });

  it('asks the engine for the releases when it opens', () => {
    useReleasesStore.setState({ shown: true });
    render(<ReleasesOverview />);
    expect(useReleasesStore.getState().loading).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Reading…');
  });

  it('continues a release at its next step: the tag chosen and verified again, the overview closed', async () => {
    useUiStore.setState({ step: 'tag' });
    const { user } = showOverview(
      overview({ ...untouched('v2.0.0'), tagVerified: { at: AT, signer: null }, next: 'rebuild' }),
    );
    await user.click(screen.getByRole('button', { name: 'Continue: Rebuild, v2.0.0' }));
    expect(useReleaseStore.getState()).toMatchObject({ selectedTag: 'v2.0.0', verifying: true });
    expect(useUiStore.getState().step).toBe('rebuild');
    expect(useReleasesStore.getState().shown).toBe(false);
  });

  it('takes a release not yet verified to the Tag step without verifying it for the user', async () => {
    useUiStore.setState({ step: 'compare' });
    const { user } = showOverview(overview(untouched('v3.0.0')));
    await user.click(screen.getByRole('button', { name: 'Continue: Tag, v3.0.0' }));
    expect(useReleaseStore.getState()).toMatchObject({ selectedTag: 'v3.0.0', verifying: false });
    expect(useUiStore.getState().step).toBe('tag');
  });

  it('opens a release with every step done at Verify', async () => {
    const { user } = showOverview(overview(finished));
    await user.click(screen.getByRole('button', { name: 'Open, v1.0.0' }));
    expect(useUiStore.getState().step).toBe('verify');
  });

  it("shows a release's notice beside it, described by it", () => {
    showOverview(
      overview({ ...untouched('v1.0.0'), notice: 'The audit log of this review is broken.' }),
    );
    const notice = screen.getByTestId('release-notice');
    expect(notice.textContent).toContain('The audit log of this review is broken.');
    expect(screen.getByRole('rowheader').getAttribute('aria-describedby')).toBe(notice.id);
  });

  it('reaches every Continue button with the keyboard, and Escape goes back to the step', async () => {
    const { user } = showOverview(overview(finished, untouched('v1.0.0-rc1', 'v1.0.0')));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Releases of hello' }));
    const reached: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await user.tab();
      reached.push(document.activeElement?.textContent ?? '');
    }
    expect(reached).toEqual(['Refresh', 'Back to the steps', 'Open', 'Continue: Tag']);
    await user.keyboard('{Escape}');
    expect(useReleasesStore.getState().shown).toBe(false);
  });

  it('says so when the repository has no tags, and shows an engine error', () => {
    showOverview(overview(), {
      code: 'REPO_UNREADABLE',
      message: 'The source repository is gone.',
    });
    expect(screen.getByText('The repository has no tags yet.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The source repository is gone.');
  });
});

describe('ReleasesButton', () => {
  it('is there only while a project is open, and shows and hides the overview', async () => {
    const { user, rerender } = render(<ReleasesButton />);
    expect(screen.queryByRole('button', { name: 'Releases' })).toBeNull();
    useReleaseStore.setState({
      project: { name: 'hello' } as NonNullable<
        ReturnType<typeof useReleaseStore.getState>['project']
      >,
    });
    rerender(<ReleasesButton />);
    const button = screen.getByRole('button', { name: 'Releases' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    button.focus();
    await user.keyboard('{Enter}');
    expect(useReleasesStore.getState().shown).toBe(true);
    expect(button.getAttribute('aria-pressed')).toBe('true');
  });
});
