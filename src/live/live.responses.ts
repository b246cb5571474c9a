import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The `data:` of one event on GET /api/documents/:id/events (JSON; identifiers only — read what changed through the
 * usual routes). Which optional fields are there depends on the kind.
 */
export class LiveEventDto {
  @ApiProperty({ description: 'The event (the same after a reconnect: tells a repeated event apart)' }) id: string;
  @ApiProperty({
    description:
      'comment.created, comment.edited, comment.withdrawn, comment.decided, comment.reopened, comment.replied, version.created, consultation.opened, consultation.changed, job.progress',
  })
  kind: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The comment's author (comment events)" }) authorId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) commentId?: string;
  @ApiPropertyOptional({ type: 'integer' }) versionNumber?: number;
  @ApiPropertyOptional() clauseKey?: string;
  @ApiPropertyOptional({ description: "comment.replied: the reply is the comment author's own" }) byAuthor?: boolean;
  @ApiPropertyOptional({ description: 'comment.decided: the outcome' }) outcome?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'version.created: its number' }) number?: number;
  @ApiPropertyOptional({ description: 'version.created: its label' }) label?: string;
  @ApiPropertyOptional({ format: 'uuid' }) consultationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) jobId?: string;
  @ApiPropertyOptional({ description: 'job.progress: what the job does (e.g. carry)' }) jobKind?: string;
  @ApiPropertyOptional({ description: 'job.progress: queued, running, done or failed' }) status?: string;
  @ApiPropertyOptional({ type: 'integer' }) done?: number;
  @ApiPropertyOptional({ type: 'integer' }) total?: number;
}
