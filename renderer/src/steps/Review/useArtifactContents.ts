import { useEffect, useState } from 'react';
import type { ArtifactContents } from '../../../../shared/artifactContents';
import type { AppError } from '../../../../shared/errors';
import { activeTransport } from '../../transport/activeTransport';

export type ContentsState =
  | { kind: 'loading' }
  | { kind: 'read'; contents: ArtifactContents }
  | { kind: 'failed'; error: AppError };

/**
 * What CI's copy of one package holds (`review:inspectArtifact`), read once
 * per artifact shown. Only the answer for the artifact still shown is kept.
 */
export function useArtifactContents(tag: string, key: string): [ContentsState, () => void] {
  const [state, setState] = useState<{ for: string; value: ContentsState }>({
    for: '',
    value: { kind: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);
  const id = `${tag}\u0000${key}\u0000${attempt}`;

  useEffect(() => {
    let current = true;
    void activeTransport.client.invoke('review:inspectArtifact', { tag, key }).then((outcome) => {
      if (!current) return;
      setState({
        for: id,
        value: outcome.ok
          ? { kind: 'read', contents: outcome.value }
          : { kind: 'failed', error: outcome.error },
      });
    });
    return () => {
      current = false;
    };
  }, [id, tag, key]);

  return [state.for === id ? state.value : { kind: 'loading' }, () => setAttempt((n) => n + 1)];
}
