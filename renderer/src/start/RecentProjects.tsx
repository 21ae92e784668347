import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { UntrustedText } from '../components/UntrustedText';
import type { RecentProject } from '../../../shared/projectSetup';
import { useStartStore } from './startStore';

/** One recent project: a button that opens it, or greyed text saying why it cannot. */
function RecentItem({ project }: { project: RecentProject }) {
  const opening = useStartStore((state) => state.opening === project.projectFile);
  const error = useStartStore((state) =>
    state.openError?.origin === 'recent' && state.openError.projectFile === project.projectFile
      ? state.openError.error
      : null,
  );
  const details = (
    <>
      <span className="recent__name">
        <UntrustedText text={project.name} />
      </span>
      <code className="recent__file">
        <UntrustedText text={project.projectFile} />
      </code>
      <span className="recent__when">
        Opened <DateTime iso={project.openedAt} />
      </span>
    </>
  );
  if (!project.available) {
    return (
      <li
        className="recent__item recent__item--unavailable"
        data-testid="recent-project"
        data-available="false"
      >
        <div className="recent__entry" aria-disabled="true">
          {details}
          <span className="recent__why">
            Unavailable: its project.json is gone or no longer loads.
          </span>
        </div>
      </li>
    );
  }
  return (
    <li className="recent__item" data-testid="recent-project" data-available="true">
      <button
        type="button"
        className="recent__entry recent__entry--button"
        aria-disabled={opening ? true : undefined}
        onClick={() => void useStartStore.getState().openProject(project.projectFile, 'recent')}
      >
        {details}
        {opening ? <span className="recent__why">Opening…</span> : null}
      </button>
      {error ? (
        <ErrorAlert
          error={error}
          title={`Could not open ${project.name}`}
          onDismiss={() => useStartStore.setState({ openError: null })}
        />
      ) : null}
    </li>
  );
}

/** Projects opened before, newest first; those that no longer load are shown greyed, with why. */
export function RecentProjects() {
  const recent = useStartStore((state) => state.recent);
  const error = useStartStore((state) => state.recentError);
  return (
    <section className="panel start-card" aria-labelledby="recent-heading">
      <h3 className="panel__title" id="recent-heading">
        Recent projects
      </h3>
      {error ? <ErrorAlert error={error} title="Could not list recent projects" /> : null}
      {recent === null && !error ? <p className="start-card__empty">Reading…</p> : null}
      {recent?.length === 0 ? (
        <p className="start-card__empty">None yet: projects you open are listed here.</p>
      ) : null}
      {recent && recent.length > 0 ? (
        <ul className="recent" aria-labelledby="recent-heading">
          {recent.map((project) => (
            <RecentItem key={project.projectFile} project={project} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
