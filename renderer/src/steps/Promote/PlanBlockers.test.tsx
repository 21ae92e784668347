import { screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import type { PromotionPlan } from '../../../../shared/promote';
import { render } from '../../testing/render';
import { planRequestFor } from './candidateSelection';
import { PlanPanel } from './PlanPanel';
import { usePromoteStore } from './promoteStore';
import { PublishPanel } from './PublishPanel';
import { samplePlan } from './testing/samplePlan';

/** The Promote step's plan and publish panels, with this plan made for the current choices. */
function showPlan(plan: PromotionPlan) {
  usePromoteStore.setState(({ planning }) => ({
    planning: {
      ...planning,
      tag: plan.tag,
      plan,
      planRequest: planRequestFor(plan.tag, null, false),
    },
  }));
  return render(
    <>
      <PlanPanel tag={plan.tag} />
      <PublishPanel tag={plan.tag} resultHeadingRef={createRef()} />
    </>,
  );
}

const publishButton = () => screen.getByRole('button', { name: /^Sign and publish/ });

describe('The promotion plan’s blockers', () => {
  it('lists each blocker and keeps the publish button off, publishing nothing when pressed', async () => {
    const { user } = showPlan(
      samplePlan({
        tagGate: {
          verified: false,
          commit: null,
          signer: null,
          problem: 'The tag no longer verifies: its signer was removed.',
        },
        blockers: ['countersign-hello-doc is still under review.'],
        canPromote: false,
      }),
    );

    const blockers = screen.getByRole('note');
    expect(within(blockers).getByText('Nothing will be published while:')).toBeTruthy();
    expect(
      within(blockers)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'The tag no longer verifies: its signer was removed.',
      'countersign-hello-doc is still under review.',
    ]);
    const publish = publishButton();
    expect(publish.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText('The plan’s blockers stand in the way (listed above).')).toBeTruthy();

    await user.type(screen.getByLabelText('Passphrase of the release key'), 'secret');
    await user.click(publish);
    expect(publish.textContent).toBe('Sign and publish 1 package');
    expect(usePromoteStore.getState().publication.running).toBe(false);
  });

  it('shows no blockers and turns the publish button on when nothing stands in the way', async () => {
    const { user } = showPlan(samplePlan());

    expect(screen.queryByRole('note')).toBeNull();
    const publish = publishButton();
    expect(publish.getAttribute('aria-disabled')).toBeNull();

    await user.type(screen.getByLabelText('Passphrase of the release key'), 'secret');
    await user.click(publish);
    expect(publish.textContent).toBe('Publishing…');
  });

  it('says that nothing is left to publish as a calm status, not among the blockers', () => {
    showPlan(
      samplePlan({
        blockers: ['apt-prod already serves every selected package; there is nothing to publish.'],
        canPromote: false,
      }),
    );

    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('promote-nothing-left').getAttribute('role')).toBe('status');
    expect(screen.getByTestId('promote-publish-why').textContent).toMatch(
      /^Nothing left to publish/,
    );
  });
});
