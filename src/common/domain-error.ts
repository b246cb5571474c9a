import type { AccountsErrorCode } from '../accounts/accounts.errors';
import type { CommentsErrorCode } from '../comments/comments.errors';
import type { ConsultationsErrorCode } from '../consultations/consultations.errors';
import type { DocumentsErrorCode } from '../documents/documents.errors';

/**
 * Error codes every area uses. Each area keeps its own codes in its `*.errors.ts` next to its module; one filter
 * (http-error.filter.ts) maps every code to an HTTP status, exhaustively. Services never throw HTTP exceptions.
 */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  NotFound = 'not_found',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  Unprocessable = 'unprocessable',
  DatabaseUnavailable = 'database_unavailable',
}

/** Every code a DomainError may carry: the common ones and each area's (type-only imports: no module cycle). */
export type AnyErrorCode =
  ErrorCode | AccountsErrorCode | DocumentsErrorCode | ConsultationsErrorCode | CommentsErrorCode;

/** Every error a service throws on purpose. `code` says what went wrong. */
export class DomainError extends Error {
  constructor(
    readonly code: AnyErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
