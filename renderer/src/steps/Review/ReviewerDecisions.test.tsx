import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReviewerDecision } from '../../../../shared/reviewers';
import { render } from '../../testing/render';
import { ReviewerDecisions } from './ReviewerDecisions';

const ADA = 'AAAA1111BBBB2222CCCC3333DDDD4444EEEE5555';
const BEN = '1111222233334444555566667777888899990000';

const decision = (overrides: Partial<ReviewerDecision>): ReviewerDecision => ({
  reviewer: 'Ada Reviewer',
  fingerprint: ADA,
  actor: 'ada',
  decision: 'accepted',
  comment: 'Only a build date.',
  at: '2026-02-01T10:00:00.000Z',
  rule: null,
  signature: 'valid',
  ...overrides,
});

describe('ReviewerDecisions', () => {
  it('lists every reviewer with their key and whether the signature holds, in words', () => {
    render(
      <ReviewerDecisions
        ownFingerprint={ADA}
        decisions={[
          decision({}),
          decision({
            reviewer: 'Ben Outsider',
            fingerprint: BEN,
            decision: 'blocking',
            comment: '',
            signature: 'invalid',
          }),
          decision({ reviewer: null, fingerprint: null, actor: 'root', signature: 'unsigned' }),
          decision({ reviewer: 'Carl', fingerprint: BEN, signature: 'unknown-key' }),
          decision({ reviewer: 'Dora', fingerprint: BEN, signature: 'revoked' }),
        ]}
      />,
    );
    const rows = screen.getAllByTestId('reviewer-decision');
    expect(rows).toHaveLength(5);
    const [ada, ben, unsigned, unknown, revoked] = rows as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    expect(ada.textContent).toContain('Accepted by Ada Reviewer');
    expect(within(ada).getByTestId('reviewer-decision-fingerprint').textContent).toContain(
      'AAAA 1111 BBBB 2222 CCCC 3333 DDDD 4444 EEEE 5555',
    );
    expect(within(ada).getByTestId('reviewer-decision-signature').textContent).toContain(
      'signature valid',
    );
    expect(within(ada).getByTestId('reviewer-decision-own').textContent).toContain('your decision');
    expect(within(ada).getByTestId('reviewer-decision-comment').textContent).toContain(
      'Only a build date.',
    );
    expect(ben.textContent).toContain('Blocking by Ben Outsider');
    expect(ben.textContent).toContain('INVALID signature');
    expect(within(ben).queryByTestId('reviewer-decision-own')).toBeNull();
    expect(unsigned.textContent).toContain('unsigned — root');
    expect(unknown.textContent).toContain('unknown key');
    expect(revoked.textContent).toContain('revoked reviewer');
    expect(screen.getByText(/replaces only yours/)).toBeTruthy();
  });

  it('says a decision of this machine’s reviewer joins the others when none is theirs yet', () => {
    render(<ReviewerDecisions ownFingerprint={BEN} decisions={[decision({})]} />);
    expect(screen.queryByTestId('reviewer-decision-own')).toBeNull();
    expect(screen.getByText(/replaces none of them/)).toBeTruthy();
  });
});
