/**
 * Error codes of comments: writing them, their anchors, replies and decisions.
 * Mapped to HTTP statuses in one place: common/http-error.filter.ts.
 */
export enum CommentsErrorCode {
  CommentNotFound = 'comment_not_found',
  QuoteNotInClause = 'quote_not_in_clause',
  CommentTooLong = 'comment_too_long',
  IdempotencyConflict = 'idempotency_conflict',
  CommentDecided = 'comment_decided',
  CommentNotDecided = 'comment_not_decided',
}
