import { UntrustedText } from '../../components/UntrustedText';

/** Problems a check found, each as the engine worded it (hostile text shown as text); nothing when none. */
export function ProblemList({
  problems,
  label,
  testId,
}: {
  problems: readonly string[];
  label: string;
  testId: string;
}) {
  if (problems.length === 0) return null;
  return (
    <ul className="qa-list" aria-label={label}>
      {problems.map((problem, index) => (
        <li key={index} className="qa-problem" data-testid={testId}>
          <UntrustedText text={problem} />
        </li>
      ))}
    </ul>
  );
}
