import type { KeySource } from '../../../shared/projectSetup';
import type { KeysInspection } from '../../../shared/projectSetup';
import { CountersignError } from '../../../shared/errors';

export function inspectKeys(_keys: KeySource[]): Promise<KeysInspection> {
  return Promise.reject(new CountersignError('INTERNAL', 'not yet'));
}
