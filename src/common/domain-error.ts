/**
 * Every error a service throws on purpose. `code` says what went wrong; one filter (http-error.filter.ts) maps codes
 * to HTTP statuses. Services never throw HTTP exceptions.
 */
export enum ErrorCode {
  // generic
  ValidationFailed = 'validation_failed',
  NotFound = 'not_found',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  Unprocessable = 'unprocessable',
  DatabaseUnavailable = 'database_unavailable',
  // accounts
  InvalidCredentials = 'invalid_credentials',
  UsernameTaken = 'username_taken',
  WeakPassword = 'weak_password',
  TooManyAttempts = 'too_many_attempts',
  OwnAccount = 'own_account',
  // documents
  DocumentNotFound = 'document_not_found',
  VersionNotFound = 'version_not_found',
  EmptyText = 'empty_text',
  TextTooLarge = 'text_too_large',
  UploadTooLarge = 'upload_too_large',
  DocxTooLarge = 'docx_too_large',
  NotUtf8 = 'not_utf8',
  BinaryUpload = 'binary_upload',
  UnknownFormat = 'unknown_format',
  ClauseNotFound = 'clause_not_found',
  InvalidAlignment = 'invalid_alignment',
  // comments
  ConsultationClosed = 'consultation_closed',
  ConsultationNotFound = 'consultation_not_found',
  CommentNotFound = 'comment_not_found',
  QuoteNotInClause = 'quote_not_in_clause',
  CommentTooLong = 'comment_too_long',
  IdempotencyConflict = 'idempotency_conflict',
  CommentDecided = 'comment_decided',
  CommentNotDecided = 'comment_not_decided',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
