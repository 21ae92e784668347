import { JobDrawerToggle } from '../jobs/JobDrawerToggle';
import { ReleasesButton } from '../releases/ReleasesButton';
import { useReleaseStore } from '../stores/releaseStore';
import { SwitchProjectButton } from '../start/SwitchProjectButton';

/** The app bar: which project is open, and the way to the job drawer. */
export function AppHeader() {
  const projectName = useReleaseStore((state) => state.project?.name ?? null);
  const loading = useReleaseStore((state) => state.projectLoading);

  return (
    <header className="app-header">
      <div className="app-header__titles">
        <span className="app-header__product">Countersign</span>
        <h1 className="app-header__project" data-testid="project-name">
          {projectName ?? (loading ? 'Opening project…' : 'No project open')}
        </h1>
      </div>
      <SwitchProjectButton />
      <ReleasesButton />
      <JobDrawerToggle />
    </header>
  );
}
