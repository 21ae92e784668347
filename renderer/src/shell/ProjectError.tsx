import { ErrorAlert } from '../components/ErrorAlert';
import { useReleaseStore } from '../stores/releaseStore';

/** Why the project could not be opened, with a way to try again. */
export function ProjectError() {
  const error = useReleaseStore((state) => state.errors.project);
  const loadProject = useReleaseStore((state) => state.loadProject);
  if (!error) return null;
  return (
    <div className="project-error">
      <ErrorAlert error={error} title="Could not open the project" />
      <button type="button" className="button" onClick={() => void loadProject()}>
        Try again
      </button>
    </div>
  );
}
