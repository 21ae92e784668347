import type { RebuildResult, RebuildSummary } from '../../../../shared/rebuild';
import { DateTime } from '../../components/DateTime';
import { Sha } from '../../components/Sha';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { ArtifactsTable } from './ArtifactsTable';

function BuildFacts({ summary, title }: { summary: RebuildSummary; title: string }) {
  const info = summary.buildInfo;
  return (
    <section className="facts" data-testid={`rebuild-${summary.variation}`}>
      <h4 className="facts__title">{title}</h4>
      <dl className="facts__list">
        <dt>Output folder</dt>
        <dd>
          <code className="sha" data-testid="rebuild-out-dir">
            {summary.outDir}
          </code>
        </dd>
        <dt>SOURCE_DATE_EPOCH</dt>
        <dd>
          <code data-testid="rebuild-source-date-epoch">{info.sourceDateEpoch}</code>{' '}
          <span className="facts__aside">
            <DateTime iso={new Date(info.sourceDateEpoch * 1000).toISOString()} />
          </span>
        </dd>
        <dt>Image</dt>
        <dd>
          <code className="sha">{info.image.reference}</code>
          <span className="facts__aside">
            id <Sha value={info.image.id} testId="rebuild-image-id" />
          </span>
        </dd>
        <dt>Finished</dt>
        <dd>
          <DateTime iso={info.finishedAt} />
        </dd>
      </dl>
    </section>
  );
}

/** What the rebuild made: artifacts with hashes, where they are, and whether they reproduce. */
export function RebuildResultView({ result }: { result: RebuildResult }) {
  const { reference, varied, reproducibility } = result;
  const artifacts = reference.buildInfo.artifacts;
  const total = artifacts.reduce((sum, artifact) => sum + artifact.size, 0);
  return (
    <section className="panel rebuild-result" data-testid="rebuild-result">
      <div className="panel__header">
        <h3 className="panel__title">
          Rebuilt <UntrustedText text={reference.buildInfo.tag} />
        </h3>
        <span className="panel__count">
          {artifacts.length} artifacts, {formatByteSize(total)}
        </span>
      </div>

      {reproducibility ? (
        <div
          className={`rebuild-verdict rebuild-verdict--${reproducibility.reproducible ? 'ok' : 'bad'}`}
          data-testid="reproducibility"
          data-reproducible={String(reproducibility.reproducible)}
        >
          <p className="rebuild-verdict__state">
            {reproducibility.reproducible ? 'Reproducible' : 'Not reproducible'}
          </p>
          <p>
            {reproducibility.reproducible
              ? `The varied build gave the same bytes for all ${reproducibility.compared.length} artifacts compared.`
              : `${reproducibility.differing.length} of ${reproducibility.compared.length} artifacts differ between the two builds:`}
          </p>
          {reproducibility.differing.length > 0 ? (
            <ul className="rebuild-verdict__differing">
              {reproducibility.differing.map((name) => (
                <li key={name} data-testid="differing-artifact">
                  <code>
                    <UntrustedText text={name} />
                  </code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <ArtifactsTable artifacts={artifacts} caption="Artifacts of the reference build" />

      <div className="rebuild-result__builds">
        <BuildFacts summary={reference} title="Reference build" />
        {varied ? <BuildFacts summary={varied} title="Varied build" /> : null}
      </div>
    </section>
  );
}
