import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/jobs';
import {
  applyJobEvent,
  MAX_JOBS_KEPT,
  MAX_LOG_LINES_PER_JOB,
  type JobsSnapshot,
} from './applyJobEvent';

const empty: JobsSnapshot = { jobs: {}, order: [] };

function event(jobId: string, overrides: Partial<JobEvent> = {}): JobEvent {
  return {
    jobId,
    kind: 'verify-tag',
    title: `Verify tag ${jobId}`,
    phase: 'starting',
    progress: null,
    state: 'running',
    at: '2026-02-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('applyJobEvent', () => {
  it('lists jobs newest first and log lines newest first', () => {
    let snapshot = applyJobEvent(empty, event('a'));
    snapshot = applyJobEvent(snapshot, event('b'));
    snapshot = applyJobEvent(snapshot, event('a', { log: 'first' }));
    snapshot = applyJobEvent(snapshot, event('a', { log: 'second', phase: 'check signature' }));
    expect(snapshot.order).toEqual(['b', 'a']);
    expect(snapshot.jobs.a?.log.map((line) => line.text)).toEqual(['second', 'first']);
    expect(snapshot.jobs.a?.phase).toBe('check signature');
  });

  it('keeps the error of a failed job and its first timestamp', () => {
    let snapshot = applyJobEvent(empty, event('a', { at: '2026-02-01T10:00:00.000Z' }));
    snapshot = applyJobEvent(
      snapshot,
      event('a', {
        state: 'failed',
        at: '2026-02-01T10:00:05.000Z',
        error: { code: 'TAG_NOT_FOUND', message: 'No such tag.' },
      }),
    );
    expect(snapshot.jobs.a).toMatchObject({
      state: 'failed',
      startedAt: '2026-02-01T10:00:00.000Z',
      updatedAt: '2026-02-01T10:00:05.000Z',
      error: { code: 'TAG_NOT_FOUND' },
    });
  });

  it('bounds the log of a chatty job and counts what it dropped', () => {
    let snapshot = empty;
    for (let i = 0; i < MAX_LOG_LINES_PER_JOB + 5; i += 1) {
      snapshot = applyJobEvent(snapshot, event('a', { log: `line ${i}` }));
    }
    const job = snapshot.jobs.a;
    expect(job?.log).toHaveLength(MAX_LOG_LINES_PER_JOB);
    expect(job?.droppedLines).toBe(5);
    expect(job?.log[0]?.text).toBe(`line ${MAX_LOG_LINES_PER_JOB + 4}`);
    expect(new Set(job?.log.map((line) => line.seq)).size).toBe(MAX_LOG_LINES_PER_JOB);
  });

  it('forgets the oldest jobs beyond the limit', () => {
    let snapshot = empty;
    for (let i = 0; i <= MAX_JOBS_KEPT; i += 1)
      snapshot = applyJobEvent(snapshot, event(`job${i}`));
    expect(snapshot.order).toHaveLength(MAX_JOBS_KEPT);
    expect(snapshot.jobs.job0).toBeUndefined();
    expect(Object.keys(snapshot.jobs)).toHaveLength(MAX_JOBS_KEPT);
  });

  it('keeps one entry per repeated piece of work, the latest, counting its runs', () => {
    const plan = { kind: 'promote-plan', title: 'Plan the promotion' } as const;
    let snapshot = empty;
    for (const id of ['p1', 'p2', 'p3']) {
      snapshot = applyJobEvent(snapshot, event(id, plan));
      snapshot = applyJobEvent(snapshot, event(id, { ...plan, state: 'succeeded' }));
    }
    snapshot = applyJobEvent(snapshot, event('other'));
    expect(snapshot.order).toEqual(['other', 'p3']);
    expect(Object.keys(snapshot.jobs).sort()).toEqual(['other', 'p3']);
    expect(snapshot.jobs.p3?.runs).toBe(3);
  });

  it('never folds away work that is still running', () => {
    let snapshot = applyJobEvent(empty, event('a', { title: 'Rebuild v1.0.0', kind: 'rebuild' }));
    snapshot = applyJobEvent(snapshot, event('b', { title: 'Rebuild v1.0.0', kind: 'rebuild' }));
    expect(snapshot.order).toEqual(['b', 'a']);
    expect(snapshot.jobs.b?.runs).toBe(1);
  });
});
