import type { TagProblem } from '../../../../shared/tags';
import { UntrustedText } from '../../components/UntrustedText';

/** Each reason the tag was refused, with its stable code (what scripts and the CLI report). */
export function TagProblemList({ problems }: { problems: TagProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h3 className="problems__title" id="problems-heading">
        {problems.length === 1 ? 'Why it was refused' : `Why it was refused (${problems.length})`}
      </h3>
      <ul className="problems__list">
        {problems.map((problem, index) => (
          <li
            key={`${problem.code}-${index}`}
            className="problem"
            data-testid="tag-problem"
            data-code={problem.code}
          >
            <code className="problem__code">{problem.code}</code>
            <p className="problem__message">
              <UntrustedText text={problem.message} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
