import type { AppError } from '../../../shared/errors';

/** Thrown by a transport when the call never got an answer; carries what to tell the user. */
export class TransportFailure extends Error {
  readonly appError: AppError;

  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'TransportFailure';
    this.appError = appError;
  }
}
