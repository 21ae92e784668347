import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { toAppError } from '../../../../shared/errors';
import type { JobEvent, JobKind, JobProgress } from '../../../../shared/jobs';

/** What a running job may report. */
export interface JobReporter {
  phase(name: string, progress?: JobProgress | null): void;
  log(line: string): void;
  /** Aborted when the user cancels the job. */
  signal?: AbortSignal;
}

/**
 * Runs long work as jobs and broadcasts their events; transports forward the
 * events to whichever UI listens (IPC push, HTTP stream).
 */
export class JobRegistry {
  private readonly emitter = new EventEmitter();
  private readonly recent: JobEvent[] = [];
  private readonly running = new Map<string, AbortController>();

  /** Asks a running job to stop; false when no such job is running. */
  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  onEvent(listener: (event: JobEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** The last events kept for a UI that connects late. */
  history(): JobEvent[] {
    return [...this.recent];
  }

  private emit(event: JobEvent): void {
    this.recent.push(event);
    if (this.recent.length > 500) this.recent.shift();
    this.emitter.emit('event', event);
  }

  async run<T>(
    kind: JobKind,
    title: string,
    work: (report: JobReporter) => Promise<T>,
  ): Promise<T> {
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, controller);
    let phase = 'starting';
    let progress: JobProgress | null = null;
    const base = () => ({ jobId, kind, title, phase, progress, at: new Date().toISOString() });
    this.emit({ ...base(), state: 'running' });
    const reporter: JobReporter = {
      phase: (name, next = null) => {
        phase = name;
        progress = next;
        this.emit({ ...base(), state: 'running' });
      },
      log: (line) => this.emit({ ...base(), state: 'running', log: line }),
      signal: controller.signal,
    };
    try {
      const result = await work(reporter);
      phase = 'done';
      this.emit({ ...base(), state: 'succeeded' });
      return result;
    } catch (error) {
      const appError = toAppError(error);
      const state = appError.code === 'CANCELLED' ? 'cancelled' : 'failed';
      this.emit({ ...base(), state, error: appError });
      throw error;
    } finally {
      this.running.delete(jobId);
    }
  }
}
