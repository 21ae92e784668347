import { useBundleStore } from '../bundle/bundleStore';
import { JobDrawerToggle } from '../jobs/JobDrawerToggle';
import { ReleasesButton } from '../releases/ReleasesButton';
import { useReleaseStore } from '../stores/releaseStore';
import { SwitchProjectButton } from '../start/SwitchProjectButton';
import { useStartScreen } from '../start/useStartScreen';

/** The app bar: which project is open, and the way to the job drawer. */
export function AppHeader() {
  const projectName = useReleaseStore((state) => state.project?.name ?? null);
  const loading = useReleaseStore((state) => state.projectLoading);
  // On the start screen there is no release to list: the overview belongs to an open project.
  const start = useStartScreen();
  const bundle = useBundleStore((state) => state.opened);

  return (
    <header className="app-header">
      <div className="app-header__titles">
        <span className="app-header__product">Countersign</span>
        <h1 className="app-header__project" data-testid="project-name">
          {bundle
            ? `${bundle.project.name} — review bundle`
            : (projectName ?? (loading ? 'Opening project…' : 'No project open'))}
        </h1>
      </div>
      {bundle ? null : <SwitchProjectButton />}
      {start || bundle ? null : <ReleasesButton />}
      <JobDrawerToggle />
    </header>
  );
}
