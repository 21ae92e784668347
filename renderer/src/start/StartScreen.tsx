import './start.css';
import { useEffect, useRef } from 'react';
import { UntrustedText } from '../components/UntrustedText';
import { useReleaseStore } from '../stores/releaseStore';
import { MachineReportPanel } from './MachineReportPanel';
import { NewProjectWizard } from './NewProjectWizard';
import { OpenDemo } from './OpenDemo';
import { OpenBundleForm } from '../bundle/OpenBundleForm';
import { OpenProjectForm } from './OpenProjectForm';
import { RecentProjects } from './RecentProjects';
import { useStartStore } from './startStore';

/** The start screen's choices: a new project, one opened before or by path, the demo, and the machine. */
function StartHome() {
  const openName = useReleaseStore((state) => state.project?.name ?? null);
  const requested = useStartStore((state) => state.requested);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void useStartStore.getState().loadRecent();
    // Chosen from the header: the keyboard lands on the screen it asked for.
    if (useStartStore.getState().requested) heading.current?.focus();
  }, []);

  return (
    <section className="start" aria-labelledby="start-heading" data-testid="start-screen">
      <div className="start__header">
        <h2 className="start__title" id="start-heading" ref={heading} tabIndex={-1}>
          {openName && requested ? 'Switch project' : 'Start'}
        </h2>
        {openName && requested ? (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => useStartStore.getState().hide()}
          >
            Back to <UntrustedText text={openName} />
          </button>
        ) : null}
      </div>
      <div className="start__grid">
        <div className="start__column">
          <section className="panel start-card" aria-labelledby="new-project-heading">
            <h3 className="panel__title" id="new-project-heading">
              New project
            </h3>
            <p className="panel__intro">
              Point Countersign at a release’s source, say whose signatures you trust, and how it is
              rebuilt; each answer is checked as you give it.
            </p>
            <div className="setup-actions">
              <button
                type="button"
                className="button button--primary"
                onClick={() => useStartStore.getState().showView('new-project')}
                data-testid="new-project-button"
              >
                New project…
              </button>
            </div>
          </section>
          <OpenProjectForm />
          <RecentProjects />
        </div>
        <div className="start__column">
          <OpenDemo />
          <OpenBundleForm />
          <MachineReportPanel />
        </div>
      </div>
    </section>
  );
}

/** Shown when no project is open, or when the user chose "Switch project…". */
export function StartScreen() {
  const view = useStartStore((state) => state.view);
  return view === 'new-project' ? <NewProjectWizard /> : <StartHome />;
}
