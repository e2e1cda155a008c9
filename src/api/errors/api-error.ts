import { ErrorCode, STATUS_BY_CODE } from './error-codes';

/**
 * The one error type routes throw. The error middleware turns it into
 * `{ error: { code, message, details? } }` with the status its code maps to.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS_BY_CODE[code];
  }

  static notFound(what = 'Resource'): ApiError {
    return new ApiError(ErrorCode.NOT_FOUND, `${what} not found.`);
  }

  static validation(message: string, details?: unknown): ApiError {
    return new ApiError(ErrorCode.VALIDATION_FAILED, message, details);
  }

  static unauthorized(message = 'A valid X-Api-Key header is required.'): ApiError {
    return new ApiError(ErrorCode.UNAUTHORIZED, message);
  }
}
