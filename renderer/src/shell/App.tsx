import { JobDrawer } from '../jobs/JobDrawer';
import { ProjectError } from './ProjectError';
import { AppHeader } from './AppHeader';
import { StepPanel } from './StepPanel';
import { Stepper } from './Stepper';
import { useDocumentTitle } from './useDocumentTitle';
// Reads the release back from its review folder when a project opens (module-scope subscriptions).
import './restoreRelease';
import { useDrawerShortcut } from '../jobs/useDrawerShortcut';
import { ReleasesOverview } from '../releases/ReleasesOverview';
import { useReleasesStore } from '../releases/releasesStore';
import { StartScreen } from '../start/StartScreen';
import { useStartScreen } from '../start/useStartScreen';

/** The window: header, stepper, the current step, and the job drawer beside it. */
export function App() {
  useDrawerShortcut();
  useDocumentTitle();
  const start = useStartScreen();
  const releases = useReleasesStore((state) => state.shown);
  return (
    <div className="app">
      <AppHeader />
      {start ? null : <Stepper />}
      <div className="app__body">
        <main className="app__main">
          <ProjectError />
          {start ? <StartScreen /> : releases ? <ReleasesOverview /> : <StepPanel />}
        </main>
        <JobDrawer />
      </div>
    </div>
  );
}
