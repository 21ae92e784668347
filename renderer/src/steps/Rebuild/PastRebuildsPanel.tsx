import { useEffect } from 'react';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UntrustedText } from '../../components/UntrustedText';
import { useRebuildStore } from './rebuildStore';
import { useRebuildTag } from './useRebuildTag';

const VARIATION_LABEL = { reference: 'Reference', varied: 'Varied' } as const;

/** The rebuilds of this release already kept in its review folder, newest first. */
export function PastRebuildsPanel() {
  const tag = useRebuildTag();
  const history = useRebuildStore((state) => state.history);
  const historyTag = useRebuildStore((state) => state.historyTag);
  const historyError = useRebuildStore((state) => state.historyError);
  const loadHistory = useRebuildStore((state) => state.loadHistory);

  useEffect(() => {
    if (tag !== null) void loadHistory(tag);
  }, [tag, loadHistory]);

  const rows = historyTag === tag ? history : [];
  return (
    <aside className="panel past-rebuilds" aria-labelledby="past-rebuilds-heading">
      <div className="panel__header">
        <h2 className="panel__title" id="past-rebuilds-heading">
          Past rebuilds
        </h2>
        <span className="panel__count">{rows.length}</span>
      </div>
      <p className="panel__intro">
        Rebuilds of {tag ? <UntrustedText text={tag} /> : 'this release'} kept in its review folder;
        a new rebuild replaces the one of the same kind.
      </p>
      {historyError ? (
        <ErrorAlert error={historyError} title="Could not list past rebuilds" />
      ) : null}
      {rows.length === 0 && !historyError ? (
        <p className="past-rebuilds__empty">None yet.</p>
      ) : (
        <ul className="past-rebuilds__list">
          {rows.map((summary) => (
            <li key={summary.outDir} className="past-rebuild" data-testid="past-rebuild">
              <div className="past-rebuild__header">
                <span className="badge">{VARIATION_LABEL[summary.variation]}</span>
                <DateTime iso={summary.buildInfo.finishedAt} />
              </div>
              <p className="past-rebuild__facts">{summary.buildInfo.artifacts.length} artifacts</p>
              <code className="sha past-rebuild__dir">{summary.outDir}</code>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
