import type { ArtifactComparison } from '../../../../shared/compare';
import { UntrustedText } from '../../components/UntrustedText';
import { ArtifactStatusLabel } from '../Compare/ArtifactStatusLabel';
import { formatCount } from '../Compare/formatCount';
import { listedChoices } from './reviewChoices';

/** The artifacts that need review; choosing one shows it beside. */
export function ReviewChoiceList({
  choices,
  selected,
  onSelect,
}: {
  choices: readonly ArtifactComparison[];
  selected: ArtifactComparison | null;
  onSelect: (key: string) => void;
}) {
  const listed = listedChoices(choices, selected);
  const unlisted = choices.length - listed.length;
  return (
    <aside className="panel review-choices" aria-labelledby="review-choices-heading">
      <div className="panel__header">
        <h2 className="panel__title" id="review-choices-heading">
          To review
        </h2>
        <span className="panel__count">{formatCount(choices.length)}</span>
      </div>
      <ul className="review-choices__list">
        {listed.map((choice) => {
          const current = choice === selected;
          return (
            <li key={choice.key}>
              <button
                type="button"
                className="review-choice"
                aria-current={current ? 'true' : undefined}
                data-testid="review-choice"
                data-key={choice.key}
                onClick={() => onSelect(choice.key)}
              >
                <span className="review-choice__name">
                  <UntrustedText text={choice.name} />
                </span>
                <ArtifactStatusLabel status={choice.status} />
              </button>
            </li>
          );
        })}
      </ul>
      {unlisted > 0 ? (
        <p className="review-choices__more">
          {formatCount(unlisted)} more are listed in the Compare step; choose one there.
        </p>
      ) : null}
    </aside>
  );
}
