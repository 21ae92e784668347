import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import { EXIT, exitCodeForError } from './exitCodes';

describe('exit codes', () => {
  it('follow from the kind of error', () => {
    expect(exitCodeForError('INVALID_REQUEST')).toBe(EXIT.badInput);
    expect(exitCodeForError('ARCHIVE_PATH_TRAVERSAL')).toBe(EXIT.badInput);
    expect(exitCodeForError('DOCKER_UNAVAILABLE')).toBe(EXIT.environment);
    expect(exitCodeForError('DOWNLOAD_INCOMPLETE')).toBe(EXIT.environment);
    expect(exitCodeForError('REPOSITORY_SIGNATURE_INVALID')).toBe(EXIT.refused);
    expect(exitCodeForError('LOCAL_TAMPERED')).toBe(EXIT.refused);
  });

  it('give every code exactly one kind', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
