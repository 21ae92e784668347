import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/**
 * A JSON file we wrote earlier, checked against its schema; null when it is
 * missing, unreadable or not what it should be, so a damaged file is treated
 * as absent rather than trusted.
 */
export async function readJsonFile<T extends z.ZodType>(
  path: string,
  schema: T,
): Promise<z.infer<T> | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
