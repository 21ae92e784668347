import { useEffect } from 'react';
import { useReleaseStore } from '../stores/releaseStore';

/** Puts the open project's name in the window title. */
export function useDocumentTitle(): void {
  const projectName = useReleaseStore((state) => state.project?.name ?? null);
  useEffect(() => {
    document.title = projectName ? `${projectName} — Countersign` : 'Countersign';
  }, [projectName]);
}
