import './releases.css';
import { Fragment, useEffect, useRef, type KeyboardEvent } from 'react';
import type { ReleaseState } from '../../../shared/releases';
import { ErrorAlert } from '../components/ErrorAlert';
import { UntrustedText } from '../components/UntrustedText';
import { formatUtc } from '../format/dateTime';
import { STEPS } from '../steps/stepCatalog';
import { useReleaseStore } from '../stores/releaseStore';
import { releaseBadges } from './releaseBadges';
import { continueRelease, useReleasesStore } from './releasesStore';
import { RELEASES_BUTTON_ID } from './ReleasesButton';

const STEP_LABEL = Object.fromEntries(STEPS.map((step) => [step.id, step.label])) as Record<
  (typeof STEPS)[number]['id'],
  string
>;

/** Leaves the overview for the step it covered, focus back on the header's button. */
function closeOverview() {
  useReleasesStore.getState().close();
  document.getElementById(RELEASES_BUTTON_ID)?.focus();
}

/** Text that wraps only between its words (a date's hyphens never start a new line). */
function Words({ text, mark }: { text: string; mark: string | null }) {
  return text.split(' ').map((word, index) => (
    <Fragment key={index}>
      {index > 0 ? ' ' : null}
      <span className="releases-overview__word">
        {index === 0 && mark ? <span aria-hidden="true">{mark} </span> : null}
        {word}
      </span>
    </Fragment>
  ));
}

const MARK = { done: '✓', problem: '✗', pending: null } as const;

function ReleaseRow({ release, grouped }: { release: ReleaseState; grouped: boolean }) {
  const noticeId = `release-notice-${release.tag}`;
  const action = release.next ? `Continue: ${STEP_LABEL[release.next]}` : 'Open';
  return (
    <>
      <tr
        className={`releases-table__row${grouped ? ' releases-table__row--candidate' : ''}`}
        data-testid="release-row"
        data-tag={release.tag}
      >
        <th scope="row" aria-describedby={release.notice ? noticeId : undefined}>
          <span className="releases-table__tag">
            <UntrustedText text={release.tag} />
          </span>
          {release.candidateOf ? (
            <span className="releases-table__candidate">
              RC of <UntrustedText text={release.candidateOf} />
            </span>
          ) : null}
          {release.taggedAt ? (
            <span className="releases-table__date">
              tagged{' '}
              <time
                className="releases-overview__word"
                dateTime={release.taggedAt}
                title={formatUtc(release.taggedAt)}
              >
                {formatUtc(release.taggedAt).slice(0, 10)}
              </time>
            </span>
          ) : null}
        </th>
        {releaseBadges(release).map((badge) => (
          <td key={badge.step}>
            <span
              className={`badge releases-badge releases-badge--${badge.tone}`}
              title={badge.detail}
              data-testid={`release-${badge.step}`}
            >
              <Words text={badge.label} mark={MARK[badge.tone]} />
            </span>
            {badge.detail !== badge.label ? (
              <span className="visually-hidden">, {badge.detail}</span>
            ) : null}
          </td>
        ))}
        <td>
          <button
            type="button"
            className={`button${release.next ? ' button--primary' : ''} releases-table__continue`}
            aria-label={`${action}, ${release.tag}`}
            onClick={() => continueRelease(release)}
          >
            {action}
          </button>
        </td>
      </tr>
      {release.notice ? (
        <tr className="releases-table__notice-row">
          <td colSpan={8}>
            <p className="releases-table__notice" id={noticeId} data-testid="release-notice">
              <span aria-hidden="true">⚠ </span>
              <strong>Notice:</strong> <UntrustedText text={release.notice} />
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * Every release of the open project at a glance, newest first, each release
 * candidate beside its final release: how far each got, step by step, and a
 * button that continues it where it stopped. Shown in place of the current
 * step; Escape or the close button goes back to it.
 */
export function ReleasesOverview() {
  const overview = useReleasesStore((state) => state.overview);
  const loading = useReleasesStore((state) => state.loading);
  const error = useReleasesStore((state) => state.error);
  const load = useReleasesStore((state) => state.load);
  const projectFile = useReleaseStore((state) => state.project?.projectFile ?? null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    void load();
  }, [load, projectFile]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    closeOverview();
  };

  const releases = overview?.releases ?? [];
  const tags = new Set(releases.map(({ tag }) => tag));
  return (
    <section
      className="panel releases-overview"
      aria-labelledby="releases-heading"
      data-testid="releases-overview"
      onKeyDown={onKeyDown}
    >
      <div className="panel__header releases-overview__header">
        <h2 className="panel__title" id="releases-heading" tabIndex={-1} ref={heading}>
          Releases
          {overview ? (
            <>
              {' '}
              of <UntrustedText text={overview.project.name} />
            </>
          ) : null}
        </h2>
        <div className="releases-overview__actions">
          <span className="panel__count" role="status">
            {loading
              ? 'Reading…'
              : overview
                ? `${releases.length} ${releases.length === 1 ? 'tag' : 'tags'}`
                : ''}
          </span>
          <button type="button" className="button" onClick={() => void load()} disabled={loading}>
            Refresh
          </button>
          <button type="button" className="button button--quiet" onClick={closeOverview}>
            Back to the steps
          </button>
        </div>
      </div>
      <p className="panel__intro">
        Every tag of the repository, newest first, each release candidate under its final release,
        read from its review folder and audit log. Continue takes a release to the first step it has
        not done.
      </p>
      {error ? <ErrorAlert error={error} title="Could not list the releases" /> : null}
      {overview && releases.length === 0 ? (
        <p className="releases-overview__empty">The repository has no tags yet.</p>
      ) : null}
      {releases.length > 0 ? (
        <div className="releases-overview__scroll">
          <table className="data-table releases-table">
            <caption className="visually-hidden">
              Releases and how far each got, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Release</th>
                {STEPS.map((step) => (
                  <th scope="col" key={step.id}>
                    {step.label}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Continue</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {releases.map((release) => (
                <ReleaseRow
                  key={release.tag}
                  release={release}
                  grouped={release.candidateOf !== null && tags.has(release.candidateOf)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
