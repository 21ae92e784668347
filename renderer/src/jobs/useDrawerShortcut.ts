import { useEffect } from 'react';
import { useUiStore } from '../stores/uiStore';

/** Ctrl+Shift+L (⌘⇧L on macOS) opens and closes the job log drawer from anywhere. */
export const DRAWER_SHORTCUT_ARIA = 'Control+Shift+L Meta+Shift+L';
export const DRAWER_SHORTCUT_LABEL = 'Ctrl+Shift+L';

export function useDrawerShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // event.code keeps the shortcut on the same physical key in every layout.
      if (event.code !== 'KeyL' || !event.shiftKey || event.altKey) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      useUiStore.getState().toggleDrawer();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
