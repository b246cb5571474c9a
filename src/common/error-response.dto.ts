import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The body of every error answer, as HttpErrorFilter sends it: a stable code, a message for people, and the details
 * some codes carry (each listed here; the HTTP tests refuse a field that is not).
 */
export class ErrorResponseDto {
  @ApiProperty({
    description: 'Stable code, e.g. validation_failed, version_not_found, too_many_attempts, internal_error',
    example: 'version_not_found',
  })
  error: string;

  @ApiProperty({ description: 'What went wrong, in English' })
  message: string;

  @ApiPropertyOptional({ description: 'validation_failed: the field at fault, e.g. body.quote.prefix' })
  field?: string;

  @ApiPropertyOptional({ type: [String], description: 'validation_failed: every problem class-validator found' })
  problems?: string[];

  @ApiPropertyOptional({
    enum: ['too_short', 'too_long', 'blank', 'common', 'contains_username'],
    description: 'weak_password: which password rule was not met',
  })
  problem?: string;

  @ApiPropertyOptional({ description: 'comment_decided: the decision that froze the comment' })
  outcome?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'too_many_attempts: seconds to wait (also in Retry-After)' })
  retryAfter?: number;

  @ApiPropertyOptional({ type: 'integer', description: '413 answers: the limit that was passed (bytes or characters)' })
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'text_too_large: the size of the text sent, in bytes' })
  size?: number;

  @ApiPropertyOptional({ description: 'upload_too_large, docx_too_large: the setting that holds the limit' })
  setting?: string;

  @ApiPropertyOptional({ description: 'clause_not_found, quote_not_in_clause: the clause key sent' })
  clauseKey?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'idempotency_conflict: the comment the key made first' })
  commentId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'validation_failed (implementedInVersion): the comments concerned',
  })
  commentIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'comment_not_found (bulk decision): the ids that name no comment',
  })
  missing?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'consultation_closed: when the window opens' })
  opensAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'consultation_closed: when the window closes (exclusive)' })
  closesAt?: string;

  @ApiPropertyOptional({
    description: 'internal_error: the request id (also in X-Request-Id) that names the logged error line',
  })
  requestId?: string;
}
