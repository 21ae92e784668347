import { OpenByPathForm } from '../components/OpenByPathForm';
import { useBundleStore } from './bundleStore';

/**
 * "Open review bundle…": a reviewer on another machine opens the bundle the
 * release manager sent, by its path (browser mode has no file dialog). It is
 * checked (hostile paths, links, sizes; every SHA-256) before anything shows.
 */
export function OpenBundleForm() {
  const openPath = useBundleStore((state) => state.openPath);
  const setOpenPath = useBundleStore((state) => state.setOpenPath);
  const opening = useBundleStore((state) => state.opening);
  const openError = useBundleStore((state) => state.openError);
  return (
    <OpenByPathForm
      id="open-bundle-path"
      title="Open review bundle…"
      intro={
        <>
          Review a release from another machine: open the bundle its release manager exported (
          <code>countersign review export</code>), decide with your own reviewer key, and send back
          the signed decisions file.
        </>
      }
      label="Path of the review bundle"
      placeholder="/home/you/Downloads/hello-1.0.0.review.tar"
      help="The path on the machine running Countersign."
      value={openPath}
      onChange={setOpenPath}
      onOpen={(path) => void useBundleStore.getState().open(path)}
      busy={opening}
      busyLabel="Checking…"
      error={openError}
      errorTitle="The bundle was not opened"
      onDismiss={() => useBundleStore.setState({ openError: null })}
      testId="open-bundle"
    />
  );
}
