import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

/** What each error status means on this API (the codes are mapped in http-error.filter.ts). */
const ERROR_STATUSES = {
  400: 'Malformed request: validation_failed (naming the field), or a bad file or text (empty_text, not_utf8, unknown_format, weak_password)',
  401: 'No valid session (unauthenticated) or wrong credentials (invalid_credentials)',
  403: 'The role may not use this route (forbidden), or the consultation is not open (consultation_closed)',
  404: 'Not found, or not visible to this user (e.g. document_not_found, version_not_found, comment_not_found)',
  409: 'Conflicts with the current state (e.g. username_taken, comment_decided, idempotency_conflict, own_account)',
  413: 'Too large (text_too_large, upload_too_large, docx_too_large, comment_too_long, payload_too_large)',
  415: 'Unsupported upload (binary_upload, unsupported_media_type)',
  422: 'Well-formed but refers to something that is not there (clause_not_found, quote_not_in_clause, invalid_alignment)',
  429: 'Too many failed logins (too_many_attempts); Retry-After says when to try again',
  503: 'The database cannot be reached (database_unavailable); Retry-After: 5',
} as const;

export type ErrorStatus = keyof typeof ERROR_STATUSES;

/**
 * Documents the error answers a route gives: the statuses given and 503, with the error filter's body
 * (ErrorResponseDto). Every operation also gets 500 and `default` with that body (openapi-document.ts).
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  const all = [...new Set<ErrorStatus>([...statuses, 503])].sort();
  return applyDecorators(
    ...all.map((status) => ApiResponse({ status, description: ERROR_STATUSES[status], type: ErrorResponseDto })),
  );
}

/**
 * The errors of every route behind a session: 400 (its input is checked), 401 without a session, 403 for a role the
 * route does not admit.
 */
export const ApiAuthErrors = (...statuses: ErrorStatus[]) => ApiErrors(400, 401, 403, ...statuses);
