import { useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { FetchTagsResult } from '../../../../shared/projectSetup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useReleaseStore } from '../../stores/releaseStore';
import { activeTransport } from '../../transport/activeTransport';

/** What a fetch found, in one sentence: "2 new tags: v1.1.0, v1.1.0-rc1" or "No new tags". */
export function fetchedText(result: FetchTagsResult): string {
  const count = result.newTags.length;
  if (count === 0) return 'No new tags.';
  return `${count} new ${count === 1 ? 'tag' : 'tags'}: ${result.newTags.join(', ')}.`;
}

/** Said calmly: a local repository's tags need no fetch, they are read as they are. */
export const LOCAL_SOURCE_NOTE =
  'This project’s source is a local repository; its tags are read directly.';

type FetchState =
  | { kind: 'idle' }
  | { kind: 'fetching' }
  | { kind: 'fetched'; text: string }
  | { kind: 'info'; text: string }
  | { kind: 'failed'; error: AppError };

/**
 * "Fetch tags": asks the engine to re-fetch the tags of a mirrored source
 * (`project:fetch`), says which are new, and reloads the project so the tag
 * picker lists them. A local source's NOT_A_MIRROR is information, not an error.
 */
export function FetchTags() {
  const [state, setState] = useState<FetchState>({ kind: 'idle' });
  const fetching = state.kind === 'fetching';

  const fetchTags = async () => {
    if (fetching) return;
    setState({ kind: 'fetching' });
    const outcome = await activeTransport.client.invoke('project:fetch', {});
    if (outcome.ok) {
      setState({ kind: 'fetched', text: fetchedText(outcome.value) });
      await useReleaseStore.getState().loadProject();
    } else if (outcome.error.code === 'NOT_A_MIRROR') {
      setState({ kind: 'info', text: LOCAL_SOURCE_NOTE });
    } else {
      setState({ kind: 'failed', error: outcome.error });
    }
  };

  return (
    <section className="panel fetch-tags" aria-label="Fetch tags" data-testid="fetch-tags">
      <div className="import-signer__actions">
        <button
          type="button"
          className="button"
          aria-disabled={fetching ? true : undefined}
          onClick={() => void fetchTags()}
          data-testid="fetch-tags-button"
        >
          {fetching ? 'Fetching…' : 'Fetch tags'}
        </button>
        <p
          className="import-signer__status"
          role="status"
          data-testid="fetch-tags-status"
          data-kind={state.kind}
        >
          {state.kind === 'fetched' || state.kind === 'info'
            ? state.text
            : 'New tags pushed to the source’s URL since it was mirrored.'}
        </p>
      </div>
      {state.kind === 'failed' ? (
        <ErrorAlert
          error={state.error}
          title="Could not fetch the tags"
          onDismiss={() => setState({ kind: 'idle' })}
        />
      ) : null}
    </section>
  );
}
