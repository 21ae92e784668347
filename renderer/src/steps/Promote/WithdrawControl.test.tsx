import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WithdrawalResult } from '../../../../shared/promote';
import { render } from '../../testing/render';
import { activeTransport } from '../../transport/activeTransport';
import { usePromoteStore } from './promoteStore';
import { samplePlan } from './testing/samplePlan';
import { servedPackages, WithdrawControl } from './WithdrawControl';

const PUBLICATION = {
  id: '20260201T120000Z-abcd',
  publishedAt: '2026-02-01T12:00:00.000Z',
  tag: 'v1.0.0',
  releaseSha256: 'c'.repeat(64),
};

const RESULT: WithdrawalResult = {
  publication: PUBLICATION,
  previous: { ...PUBLICATION, id: 'earlier' },
  withdrawn: [
    {
      package: 'hello-doc',
      version: '1.0.0',
      architecture: 'all',
      component: 'main',
      sha256: 'd'.repeat(64),
      poolPath: 'pool/main/h/hello/hello-doc_1.0.0_all.deb',
    },
  ],
  signedBy: 'F'.repeat(40),
};

/** A plan of a release apt-prod already serves: hello unchanged, hello-doc kept. */
function showServed() {
  const base = samplePlan();
  const plan = {
    ...base,
    current: PUBLICATION,
    changes: base.changes.map((change) => ({ ...change, action: 'unchanged' as const })),
    kept: [{ package: 'hello-doc', version: '1.0.0', architecture: 'all', component: 'main' }],
  };
  const replan = vi.fn(() => Promise.resolve());
  usePromoteStore.setState(({ planning }) => ({
    planning: { ...planning, tag: plan.tag, plan, replan },
  }));
  const invoke = vi
    .spyOn(activeTransport.client, 'invoke')
    .mockResolvedValue({ ok: true, value: RESULT } as never);
  return { plan, replan, invoke, ...render(<WithdrawControl tag={plan.tag} />) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Withdraw a published package', () => {
  it('offers exactly the packages apt-prod serves', () => {
    const { plan } = showServed();
    expect(servedPackages(plan)).toEqual(['hello', 'hello-doc']);
  });

  it('asks which package, why and the passphrase, confirms what apt users will see, then shows the new publication', async () => {
    const { user, invoke, replan } = showServed();
    await user.click(screen.getByRole('button', { name: 'Withdraw a published package…' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Package'));
    await user.selectOptions(screen.getByLabelText('Package'), 'hello-doc');
    await user.click(screen.getByRole('button', { name: 'Withdraw…' }));
    expect(invoke).not.toHaveBeenCalled();
    expect(document.getElementById('withdraw-reason-problem')?.textContent).toMatch(/Say why/);

    await user.type(screen.getByLabelText('Reason'), 'Blocked in review after publication');
    await user.type(screen.getByLabelText('Passphrase of the release key'), 'secret words');
    await user.click(screen.getByRole('button', { name: 'Withdraw…' }));
    expect(screen.getByRole('group').textContent).toMatch(
      /apt users will stop being offered it at their next update/,
    );
    expect(document.activeElement?.textContent).toBe('Keep serving it');
    await user.click(screen.getByRole('button', { name: 'Withdraw hello-doc' }));
    expect(invoke).toHaveBeenCalledWith('promote:withdraw', {
      tag: 'v1.0.0',
      package: 'hello-doc',
      reason: 'Blocked in review after publication',
      passphrase: 'secret words',
    });
    const done = await screen.findByTestId('promote-withdraw-done');
    expect(done.textContent).toMatch(
      /publication 20260201T120000Z-abcd, signed, without hello-doc/,
    );
    expect(replan).toHaveBeenCalled();
    expect(screen.queryByLabelText('Passphrase of the release key')).toBeNull();
  });

  it('backs out with Escape, sending nothing', async () => {
    const { user, invoke } = showServed();
    await user.click(screen.getByRole('button', { name: 'Withdraw a published package…' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('Package')).toBeNull();
    expect(invoke).not.toHaveBeenCalled();
  });
});
