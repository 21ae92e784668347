import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { render } from '../../testing/render';
import { ApprovalsList, approvalCountText } from './ApprovalsList';

const ADA = 'AAAA1111BBBB2222CCCC3333DDDD4444EEEE5555';
const BEN = '1111222233334444555566667777888899990000';

describe('ApprovalsList', () => {
  it('says per package who approved, how many are missing, and why a signature does not count', () => {
    render(
      <ApprovalsList
        approvals={[
          {
            artifact: 'hello_1.0.0_all.deb',
            needed: 2,
            missing: 1,
            approvedBy: [
              { name: 'Ada Reviewer', fingerprint: ADA, notCounted: null },
              {
                name: 'Ben Gone',
                fingerprint: BEN,
                notCounted: 'the policy revoked this reviewer',
              },
            ],
          },
        ]}
      />,
    );
    expect(screen.getByTestId('promote-approval-count').textContent).toContain(
      '1 of 2 approvals — 1 missing',
    );
    const [ada, ben] = screen.getAllByTestId('promote-approval-reviewer') as [
      HTMLElement,
      HTMLElement,
    ];
    expect(ada.textContent).toContain('Ada Reviewer');
    expect(ada.textContent).toContain('AAAA 1111 BBBB 2222 CCCC 3333 DDDD 4444 EEEE 5555');
    expect(ben.getAttribute('data-counted')).toBe('false');
    expect(ben.textContent).toContain('does not count: the policy revoked this reviewer');
  });

  it('counts a complete package and one that needs none', () => {
    expect(
      approvalCountText({
        artifact: 'a',
        needed: 2,
        missing: 0,
        approvedBy: [
          { name: 'A', fingerprint: ADA, notCounted: null },
          { name: 'B', fingerprint: BEN, notCounted: null },
        ],
      }),
    ).toBe('2 of 2 approvals — none missing');
    expect(approvalCountText({ artifact: 'b', needed: 0, missing: 0, approvedBy: [] })).toBe(
      'No approval needed',
    );
  });
});
