import type { PromotionCandidate } from '../../../../shared/promote';
import { UntrustedText } from '../../components/UntrustedText';
import { RefusalList } from './RefusalList';
import { ShortSha } from './ShortSha';
import { StatusMark } from './StatusMark';

const candidateName = (row: PromotionCandidate) =>
  `${row.package} ${row.version} ${row.architecture}`;

/**
 * Every package of the release in apt-test and how it stands at the gate,
 * with a box per package to choose what this promotion moves (all of a
 * package's architectures go together). A refused package cannot be chosen:
 * its row says why.
 */
export function CandidateTable({
  candidates,
  chosen,
  locked,
  onChoose,
}: {
  candidates: readonly PromotionCandidate[];
  chosen: readonly string[];
  /** No choice can change now (a publication is under way). */
  locked: boolean;
  onChoose: (name: string, selected: boolean) => void;
}) {
  return (
    <table className="data-table promote-table" data-testid="promote-candidates">
      <caption className="promote-table__caption">Packages in apt-test</caption>
      <thead>
        <tr>
          <th scope="col">Promote</th>
          <th scope="col">Package</th>
          <th scope="col">Version</th>
          <th scope="col">Architecture</th>
          <th scope="col">Component</th>
          <th scope="col">SHA-256</th>
          <th scope="col">Evidence</th>
          <th scope="col">Gate</th>
        </tr>
      </thead>
      <tbody>
        {candidates.map((row) => {
          const checked = chosen.includes(row.package);
          const refused = row.refusals.length > 0;
          const boxId = `promote-choose-${row.key}`;
          const gateId = `promote-gate-${row.key}`;
          return (
            <tr
              key={row.key}
              data-testid="promote-candidate"
              data-package={row.package}
              data-selected={checked}
              data-refused={refused}
            >
              <td>
                <input
                  id={boxId}
                  type="checkbox"
                  className="promote-table__choose"
                  checked={checked}
                  disabled={locked || (refused && !checked)}
                  aria-label={`Promote ${candidateName(row)}`}
                  aria-describedby={gateId}
                  onChange={(event) => onChoose(row.package, event.target.checked)}
                  data-testid="promote-choose"
                />
              </td>
              <th scope="row" className="promote-table__name">
                <UntrustedText text={row.package} />
              </th>
              <td>
                <UntrustedText text={row.version} />
              </td>
              <td>
                <UntrustedText text={row.architecture} />
              </td>
              <td>
                <UntrustedText text={row.component} />
              </td>
              <td>
                <ShortSha value={row.sha256} of={candidateName(row)} />
              </td>
              <td data-testid="promote-candidate-evidence">
                <UntrustedText text={row.evidence} />
              </td>
              <td id={gateId}>
                {refused ? (
                  <RefusalList refusals={row.refusals} testId="promote-candidate-refusals" />
                ) : (
                  <StatusMark icon="✓" tone="promote-passes">
                    Passes
                  </StatusMark>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
