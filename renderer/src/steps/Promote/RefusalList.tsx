import { UntrustedText } from '../../components/UntrustedText';
import { StatusMark } from './StatusMark';

/** Why something may not go to apt-prod, each reason in the engine's words, its code beside it. */
export function RefusalList({
  refusals,
  testId,
}: {
  refusals: readonly { code: string; message: string }[];
  testId?: string;
}) {
  return (
    <ul className="promote-refusals" data-testid={testId}>
      {refusals.map((refusal) => (
        <li key={`${refusal.code}:${refusal.message}`} data-code={refusal.code}>
          <StatusMark icon="✗" tone="promote-refused">
            <UntrustedText text={refusal.message} />
          </StatusMark>{' '}
          <code className="promote-refusals__code">{refusal.code}</code>
        </li>
      ))}
    </ul>
  );
}
