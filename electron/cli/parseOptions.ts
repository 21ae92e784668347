import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CountersignError } from '../../shared/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's options strictly; unknown or malformed options are bad input, with the usage. */
export function parseOptions<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CountersignError(
      'INVALID_REQUEST',
      error instanceof Error
        ? (error.message.split('\n')[0] ?? 'Invalid options.')
        : 'Invalid options.',
      `Usage: ${usage}`,
    );
  }
}

export function requireOption(
  value: string | boolean | undefined,
  name: string,
  usage: string,
): string {
  if (typeof value !== 'string' || value === '') {
    throw new CountersignError('INVALID_REQUEST', `--${name} is required.`, `Usage: ${usage}`);
  }
  return value;
}

/**
 * The engine refuses options it cannot use with INVALID_REQUEST and a sentence;
 * on the command line that refusal also says how the command is used.
 */
export async function withUsage<T>(usage: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CountersignError && error.code === 'INVALID_REQUEST' && !error.hint) {
      throw new CountersignError(error.code, error.message, `Usage: ${usage}`);
    }
    throw error;
  }
}
