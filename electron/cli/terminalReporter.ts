import type { JobReporter } from '../core/countersignCore';
import { safeForTerminal } from './terminalText';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Progress on a terminal, on stderr so stdout stays for the result: numbered
 * phases, a byte counter redrawn in place, and log lines. Silent when stderr
 * is not a terminal (scripts read the exit code and --json).
 */
export function terminalReporter(signal?: AbortSignal): JobReporter {
  const tty = process.stderr.isTTY;
  let counting = false;
  const endCounter = () => {
    if (counting) process.stderr.write('\n');
    counting = false;
  };
  return {
    phase: (name, progress) => {
      if (!tty || !progress || name === 'done') return;
      if (progress.unit === 'bytes') {
        const percent = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
        process.stderr.write(
          `\r\u001b[2K  ${name}: ${megabytes(progress.done)} of ${megabytes(progress.total)} (${percent}%)`,
        );
        counting = true;
        return;
      }
      endCounter();
      process.stderr.write(`[${progress.done + 1}/${progress.total}] ${name}\n`);
    },
    log: (line) => {
      if (!tty) return;
      endCounter();
      process.stderr.write(`  ${safeForTerminal(line)}\n`);
    },
    ...(signal ? { signal } : {}),
  };
}

/** An AbortSignal fired by Ctrl-C or SIGTERM, and the function that stops listening. */
export function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
    },
  };
}
