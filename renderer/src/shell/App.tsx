import { useEffect } from 'react';
import { BundleReviewScreen } from '../bundle/BundleReviewScreen';
import { useBundleStore } from '../bundle/bundleStore';
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
  // A review bundle open in place of a project (a reviewer on another machine).
  const bundle = useBundleStore((state) => state.opened !== null);
  useEffect(() => {
    void useBundleStore.getState().loadCurrent();
  }, []);
  return (
    <div className="app">
      <AppHeader />
      {start || bundle ? null : <Stepper />}
      <div className="app__body">
        <main className="app__main">
          <ProjectError />
          {bundle ? (
            <BundleReviewScreen />
          ) : start ? (
            <StartScreen />
          ) : releases ? (
            <ReleasesOverview />
          ) : (
            <StepPanel />
          )}
        </main>
        <JobDrawer />
      </div>
    </div>
  );
}
