import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../../shared/jobs';
import { CountersignError } from '../../../../shared/errors';
import { JobRegistry } from './jobRegistry';

describe('JobRegistry', () => {
  it('reports running, phases, logs and success in order', async () => {
    const jobs = new JobRegistry();
    const seen: JobEvent[] = [];
    jobs.onEvent((event) => seen.push(event));
    const result = await jobs.run('verify-tag', 'Verify tag v1', (report) => {
      report.phase('read', { done: 0, total: 1, unit: 'steps' });
      report.log('line');
      return Promise.resolve(42);
    });
    expect(result).toBe(42);
    expect(seen.map((event) => event.state)).toEqual([
      'running',
      'running',
      'running',
      'succeeded',
    ]);
    expect(seen[2]).toMatchObject({ log: 'line', phase: 'read' });
    expect(new Set(seen.map((event) => event.jobId)).size).toBe(1);
  });

  it('reports a failure with the error as data and rethrows it', async () => {
    const jobs = new JobRegistry();
    const seen: JobEvent[] = [];
    jobs.onEvent((event) => seen.push(event));
    await expect(
      jobs.run('verify-tag', 'Verify', () =>
        Promise.reject(new CountersignError('TAG_NOT_FOUND', 'no tag')),
      ),
    ).rejects.toThrow('no tag');
    expect(seen.at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'TAG_NOT_FOUND', message: 'no tag' },
    });
  });
});
