import { OpenByPathForm } from '../components/OpenByPathForm';
import { useStartStore } from './startStore';

/** Opens a project by its project.json's path (browser mode has no file dialog). */
export function OpenProjectForm() {
  const openPath = useStartStore((state) => state.openPath);
  const setOpenPath = useStartStore((state) => state.setOpenPath);
  const opening = useStartStore((state) => state.opening !== null);
  const openError = useStartStore((state) =>
    state.openError?.origin === 'path' ? state.openError.error : null,
  );
  return (
    <OpenByPathForm
      id="open-project-path"
      title="Open project…"
      label="Path of project.json"
      placeholder="/home/you/releases/hello/project.json"
      help="Type the path on the machine running Countersign: in a browser there is no file dialog that could give it."
      value={openPath}
      onChange={setOpenPath}
      onOpen={(path) => void useStartStore.getState().openProject(path, 'path')}
      busy={opening}
      busyLabel="Opening…"
      error={openError}
      errorTitle="Could not open the project"
      onDismiss={() => useStartStore.setState({ openError: null })}
      testId="open-project"
    />
  );
}
