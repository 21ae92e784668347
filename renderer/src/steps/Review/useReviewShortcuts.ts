import { useEffect, useRef } from 'react';
import { commandForKey, isTypingTarget, type ReviewCommand } from './reviewShortcuts';

/**
 * The Review step's single-letter keys, on the whole window while the step is
 * shown. They stay out of the way of typing (any text field), of other
 * modifiers, and of keys something else already handled.
 */
export function useReviewShortcuts(run: (command: ReviewCommand) => void): void {
  // The latest handler, without re-subscribing on every render.
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (isTypingTarget(target)) return;
      const command = commandForKey(event);
      if (command === null) return;
      // Holding j or k walks the tree; the other letters act once per press.
      if (event.repeat && command !== 'next' && command !== 'previous') return;
      event.preventDefault();
      latest.current(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
