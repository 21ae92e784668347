import type { JobReporter } from '../../lib/jobs/jobRegistry';

/** Bytes done of bytes known, reported as a job phase at most ten times a second. */
export class ByteProgress {
  private done = 0;
  private total = 0;
  private lastReport = 0;

  constructor(
    private readonly report: JobReporter,
    private phaseName: string,
  ) {}

  /** Starts a new phase; the counts carry on, so the bar never runs backwards. */
  phase(name: string): void {
    this.phaseName = name;
    this.flush();
  }

  addTotal(bytes: number): void {
    this.total += bytes;
    this.maybeReport();
  }

  add(bytes: number): void {
    this.done += bytes;
    if (this.done > this.total) this.total = this.done;
    this.maybeReport();
  }

  get bytesDone(): number {
    return this.done;
  }

  flush(): void {
    this.lastReport = Date.now();
    this.report.phase(this.phaseName, { done: this.done, total: this.total, unit: 'bytes' });
  }

  private maybeReport(): void {
    if (Date.now() - this.lastReport >= 100) this.flush();
  }
}
