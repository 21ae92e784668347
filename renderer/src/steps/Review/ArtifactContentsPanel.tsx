import {
  isMaintainerScript,
  modeString,
  type ArtifactContents,
  type PackageEntry,
} from '../../../../shared/artifactContents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { formatCount } from '../../format/count';
import { useArtifactContents } from './useArtifactContents';

function EntryRows({ entries, testId }: { entries: readonly PackageEntry[]; testId: string }) {
  return (
    <table className="contents-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Mode</th>
          <th scope="col">Size</th>
          <th scope="col">Name</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr
            key={entry.path}
            data-testid="contents-entry"
            data-path={entry.path}
            data-type={entry.type}
            data-script={isMaintainerScript(entry.path) ? 'true' : undefined}
          >
            <td className="contents-table__mode">
              <code>{modeString(entry.type, entry.mode)}</code>
            </td>
            <td className="contents-table__size">
              {entry.type === 'file' ? formatByteSize(entry.size) : ''}
            </td>
            <td className="contents-table__name">
              <code>
                <UntrustedText text={entry.path} />
              </code>
              {entry.linkTarget !== null ? (
                <>
                  {' '}
                  <span aria-label={entry.type === 'hardlink' ? 'hard link to' : 'links to'}>
                    →
                  </span>{' '}
                  <code data-testid="contents-link-target">
                    <UntrustedText text={entry.linkTarget} />
                  </code>
                </>
              ) : null}
              {isMaintainerScript(entry.path) ? (
                <span className="contents-table__script">runs as root when installed</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The contents themselves: control fields, control.tar (scripts marked), data.tar. */
export function ArtifactContentsView({ contents }: { contents: ArtifactContents }) {
  const scripts = contents.controlMembers.filter((entry) => isMaintainerScript(entry.path));
  return (
    <div className="artifact-contents__body" data-testid="artifact-contents-read">
      <section className="artifact-contents__part" aria-labelledby="contents-control-heading">
        <h4 className="artifact-contents__title" id="contents-control-heading">
          Control data
        </h4>
        <dl className="contents-control" data-testid="contents-control">
          {contents.control.map((field) => (
            <div
              key={field.name}
              className="contents-control__field"
              data-testid="control-field"
              data-name={field.name}
            >
              <dt>
                <UntrustedText text={field.name} />
              </dt>
              <dd>
                <UntrustedText text={field.value} />
              </dd>
            </div>
          ))}
        </dl>
        <p className="artifact-contents__note" data-testid="contents-scripts">
          {scripts.length === 0
            ? 'No maintainer scripts: installing it runs none of its own code as root.'
            : `${formatCount(scripts.length)} maintainer ${scripts.length === 1 ? 'script runs' : 'scripts run'} as root when it is installed or removed: ${scripts.map((entry) => entry.path.replace(/^\.\//, '')).join(', ')}.`}
        </p>
        <EntryRows entries={contents.controlMembers} testId="contents-control-members" />
      </section>
      <section className="artifact-contents__part" aria-labelledby="contents-files-heading">
        <h4 className="artifact-contents__title" id="contents-files-heading">
          Files it installs ({formatCount(contents.totalFiles)})
        </h4>
        <EntryRows entries={contents.files} testId="contents-files" />
        {contents.totalFiles > contents.files.length ? (
          <p className="artifact-contents__note" data-testid="contents-more">
            The first {formatCount(contents.files.length)} of {formatCount(contents.totalFiles)} are
            listed.
          </p>
        ) : null}
      </section>
    </div>
  );
}

/**
 * What CI's copy of a package holds, read by the engine without unpacking it
 * (`review:inspectArtifact`). Every name and value is the package's own text,
 * shown as text.
 */
export function ArtifactContentsPanel({ tag, artifactKey }: { tag: string; artifactKey: string }) {
  const [state, retry] = useArtifactContents(tag, artifactKey);
  return (
    <section
      className="artifact-contents"
      aria-labelledby="artifact-contents-heading"
      aria-busy={state.kind === 'loading'}
      data-testid="artifact-contents"
      data-state={state.kind}
    >
      <h3 className="artifact-contents__heading" id="artifact-contents-heading">
        What it holds
      </h3>
      <p className="artifact-contents__note">
        Read from CI’s copy as compared (its SHA-256 checked again), without unpacking or installing
        it.
      </p>
      {state.kind === 'loading' ? (
        <p className="artifact-contents__note">Reading the package…</p>
      ) : state.kind === 'failed' ? (
        <>
          <ErrorAlert error={state.error} title="Could not read what the package holds" />
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </>
      ) : (
        <ArtifactContentsView contents={state.contents} />
      )}
    </section>
  );
}
