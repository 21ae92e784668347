import { memo, useDeferredValue, useLayoutEffect, useRef, useState } from 'react';
import { useRebuildStore } from './rebuildStore';
import { filterLines, splitOnMatches } from './logSearch';

/** One log line, as text only, with matches of the search marked. */
const LogLineView = memo(function LogLineView({ text, query }: { text: string; query: string }) {
  return (
    <div className="rebuild-log__line" data-testid="rebuild-log-line">
      {splitOnMatches(text, query).map((part, index) =>
        part.match ? (
          <mark key={index} className="rebuild-log__match">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </div>
  );
});

/**
 * The live log of the rebuild (the newest lines, bounded). Follows the end
 * unless paused (or scrolled up); the search keeps only matching lines.
 */
export function RebuildLog() {
  const log = useRebuildStore((state) => state.log);
  const droppedLines = useRebuildStore((state) => state.droppedLines);
  const [following, setFollowing] = useState(true);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const viewport = useRef<HTMLDivElement>(null);
  const shown = filterLines(log, deferredQuery);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (following && element) element.scrollTop = element.scrollHeight;
  }, [following, shown]);

  const onScroll = () => {
    const element = viewport.current;
    if (!element || !following) return;
    const atEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    // Scrolling up to read is a pause; the button resumes.
    if (!atEnd) setFollowing(false);
  };

  return (
    <section className="panel rebuild-log" aria-labelledby="rebuild-log-heading">
      <div className="panel__header rebuild-log__header">
        <h3 className="panel__title" id="rebuild-log-heading">
          Log
        </h3>
        <span className="panel__count" data-testid="rebuild-log-count">
          {deferredQuery.trim() === ''
            ? `${log.length + droppedLines} lines`
            : `${shown.length} of ${log.length} lines match`}
        </span>
      </div>
      <div className="rebuild-log__tools">
        <div className="field rebuild-log__search">
          <label className="visually-hidden" htmlFor="rebuild-log-search">
            Search the log
          </label>
          <input
            id="rebuild-log-search"
            className="field__control field__control--mono"
            type="search"
            placeholder="Search the log"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </div>
        <button
          type="button"
          className="button"
          aria-pressed={following}
          data-testid="rebuild-log-follow"
          onClick={() => setFollowing((value) => !value)}
        >
          {following ? 'Pause scrolling' : 'Follow the log'}
        </button>
      </div>
      {droppedLines > 0 ? (
        <p className="rebuild-log__dropped">
          {droppedLines} earlier lines are not shown here; the full log is kept on disk.
        </p>
      ) : null}
      <div
        ref={viewport}
        className="rebuild-log__viewport"
        data-testid="rebuild-log"
        tabIndex={0}
        role="log"
        aria-label="Rebuild log"
        aria-live="off"
        onScroll={onScroll}
      >
        {shown.map((line) => (
          <LogLineView key={line.seq} text={line.text} query={deferredQuery} />
        ))}
        {shown.length === 0 ? (
          <div className="rebuild-log__empty">
            {log.length === 0 ? 'Waiting for the first lines…' : 'No line matches the search.'}
          </div>
        ) : null}
      </div>
    </section>
  );
}
