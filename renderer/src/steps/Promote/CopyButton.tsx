import { useState } from 'react';

type CopyState = 'idle' | 'copied' | 'refused';

/** Copies a value to the clipboard; where the clipboard is refused, says how to copy by hand. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('refused');
    }
  };
  return (
    <span className="copy-button">
      <button
        type="button"
        className="button button--quiet copy-button__button"
        aria-label={label}
        onClick={() => void copy()}
      >
        Copy
      </button>
      <span className="copy-button__status" role="status">
        {state === 'copied' ? 'Copied' : state === 'refused' ? 'Select it and press Ctrl+C' : ''}
      </span>
    </span>
  );
}
