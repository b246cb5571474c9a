import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { isDatabaseUnavailable, isUnstorableText } from '../database/connection-errors';
import { type AnyErrorCode, DomainError, ErrorCode } from './domain-error';
import { requestIdOf } from './request-id';
import { AccountsErrorCode } from '../accounts/accounts.errors';
import { CommentsErrorCode } from '../comments/comments.errors';
import { ConsultationsErrorCode } from '../consultations/consultations.errors';
import { DocumentsErrorCode } from '../documents/documents.errors';

/** Seconds a client should wait before retrying a 503 database_unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The one place where error codes become HTTP statuses, grouped by the area that owns each code. The switch is
 * exhaustive over AnyErrorCode: a new code in any area's errors file does not compile until it is mapped here.
 */
export function statusFor(code: AnyErrorCode): number {
  switch (code) {
    // common
    case ErrorCode.ValidationFailed:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ErrorCode.Unprocessable:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.DatabaseUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    // accounts
    case AccountsErrorCode.WeakPassword:
      return HttpStatus.BAD_REQUEST;
    case AccountsErrorCode.InvalidCredentials:
      return HttpStatus.UNAUTHORIZED;
    case AccountsErrorCode.UsernameTaken:
    case AccountsErrorCode.OwnAccount:
      return HttpStatus.CONFLICT;
    case AccountsErrorCode.TooManyAttempts:
      return HttpStatus.TOO_MANY_REQUESTS;
    // documents
    case DocumentsErrorCode.EmptyText:
    case DocumentsErrorCode.NotUtf8:
    case DocumentsErrorCode.UnknownFormat:
      return HttpStatus.BAD_REQUEST;
    case DocumentsErrorCode.DocumentNotFound:
    case DocumentsErrorCode.VersionNotFound:
      return HttpStatus.NOT_FOUND;
    case DocumentsErrorCode.TextTooLarge:
    case DocumentsErrorCode.UploadTooLarge:
    case DocumentsErrorCode.DocxTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case DocumentsErrorCode.BinaryUpload:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case DocumentsErrorCode.ClauseNotFound:
    case DocumentsErrorCode.InvalidAlignment:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    // consultations
    case ConsultationsErrorCode.ConsultationClosed:
      return HttpStatus.FORBIDDEN;
    case ConsultationsErrorCode.ConsultationNotFound:
      return HttpStatus.NOT_FOUND;
    // comments
    case CommentsErrorCode.CommentNotFound:
      return HttpStatus.NOT_FOUND;
    case CommentsErrorCode.IdempotencyConflict:
    case CommentsErrorCode.CommentDecided:
    case CommentsErrorCode.CommentNotDecided:
      return HttpStatus.CONFLICT;
    case CommentsErrorCode.CommentTooLong:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case CommentsErrorCode.QuoteNotInClause:
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/**
 * Errors from below that are not bugs: the database cannot be reached (503, the service recovers by itself when it
 * returns), or PostgreSQL refused text that got past the input check (400).
 */
function fromDatabase(exception: unknown): DomainError | null {
  if (isDatabaseUnavailable(exception)) {
    return new DomainError(
      ErrorCode.DatabaseUnavailable,
      'The database cannot be reached right now; nothing was changed. Try again shortly.',
    );
  }
  if (isUnstorableText(exception)) {
    return new DomainError(
      ErrorCode.ValidationFailed,
      'The request holds text the database cannot store (a NUL character or invalid Unicode).',
    );
  }
  return null;
}

/** Turns every error into `{error, message, ...}` JSON. Unknown errors are logged and answered with a bare 500. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const domain = exception instanceof DomainError ? exception : fromDatabase(exception);
    if (domain) {
      const status = statusFor(domain.code);
      // A refusal that ends by itself says when (RFC 9110 §10.2.3); the body repeats it as `retryAfter`.
      if (typeof domain.details?.retryAfter === 'number')
        res.setHeader('Retry-After', String(domain.details.retryAfter));
      else if (status === (HttpStatus.SERVICE_UNAVAILABLE as number))
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(status).json({ error: domain.code, message: domain.message, ...domain.details });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      let message: string = exception.message;
      let details: unknown;
      if (typeof body === 'object' && body !== null) {
        const m = (body as { message?: unknown }).message;
        if (Array.isArray(m)) {
          details = m;
          message = m.join('; ');
        } else if (typeof m === 'string') message = m;
      }
      // body-parser's errors (too large, malformed JSON) arrive as HttpExceptions with these statuses.
      const code =
        status === 400 && Array.isArray(details) ? ErrorCode.ValidationFailed : (HTTP_CODES[status] ?? 'error');
      res.status(status).json({ error: code, message, ...(details ? { problems: details } : {}) });
      return;
    }
    const err = exception as { type?: string; status?: number; message?: string };
    if (err && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      // errors from express middleware (body-parser, multer) carry a status of their own
      const code =
        err.type === 'entity.too.large' ? ErrorCode.PayloadTooLarge : (HTTP_CODES[err.status] ?? 'bad_request');
      res.status(err.status).json({ error: code, message: err.message ?? 'bad request' });
      return;
    }
    // The answer names the request and the log line carries the same id with the stack: a person who reports the
    // error gives the id, and nothing about the cause leaks to them.
    const requestId = requestIdOf(host.switchToHttp().getRequest<IncomingMessage>(), res);
    this.logger.error(
      `request ${requestId} failed: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    res.status(500).json({
      error: 'internal_error',
      message: `Something went wrong on our side; the request was not applied. Quote request id ${requestId} when you report it.`,
      requestId,
    });
  }
}
