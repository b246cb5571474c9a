import { ApiProperty } from '@nestjs/swagger';
import { GroupRefDto } from '../accounts/accounts.responses';
import { COMMENT_KINDS, COMMENT_STATUSES, OUTCOMES, type Outcome } from '../comments/comments.entities';
import { InlineOpDto } from '../documents/documents.responses';
import { CHANGE_TYPES, type ChangeType } from '../engine/compare';

export class HistoryClauseDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() path: string;
  @ApiProperty() text: string;
}

export class HistoryChangeDto {
  @ApiProperty({ enum: CHANGE_TYPES }) type: ChangeType;
  @ApiProperty({ type: [InlineOpDto] }) inline: InlineOpDto[];
}

export class HistoryLineageDto {
  @ApiProperty({ type: 'integer' }) fromVersion: number;
  @ApiProperty() fromKey: string;
  @ApiProperty() toKey: string;
  @ApiProperty({ enum: ['split', 'merge'] }) kind: 'split' | 'merge';
}

export class HistoryAuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class HistoryDecisionDto {
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'integer', nullable: true }) implementedInVersion: number | null;
}

export class HistoryCommentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: COMMENT_KINDS }) kind: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: COMMENT_STATUSES }) status: string;
  @ApiProperty({ type: HistoryAuthorDto }) author: HistoryAuthorDto;
  @ApiProperty({ type: GroupRefDto, nullable: true }) group: GroupRefDto | null;
  @ApiProperty({ type: HistoryDecisionDto, nullable: true }) decision: HistoryDecisionDto | null;
}

/** One version in a clause's history. */
export class HistoryEntryDto {
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() versionLabel: string;
  @ApiProperty() stage: string;
  @ApiProperty({
    type: HistoryClauseDto,
    nullable: true,
    description: 'The clause here, or before it existed the clause it came from; null when none stands here',
  })
  clause: HistoryClauseDto | null;
  @ApiProperty({
    type: HistoryChangeDto,
    nullable: true,
    description: 'Against the previous version in which the clause or its origin stood',
  })
  change: HistoryChangeDto | null;
  @ApiProperty({
    type: [HistoryLineageDto],
    description: 'Splits and merges into this version that involve the clause',
  })
  lineage: HistoryLineageDto[];
  @ApiProperty({
    type: [HistoryCommentDto],
    description: 'Comments made on the clause in this version, as the user may see them',
  })
  comments: HistoryCommentDto[];
  @ApiProperty({
    type: [HistoryCommentDto],
    description: 'Comments (made on the clause or its origin earlier) adopted and carried out in this version',
  })
  implemented: HistoryCommentDto[];
}

export class BlameSpanDto {
  @ApiProperty() text: string;
  @ApiProperty({ type: 'integer', description: 'The version that introduced these words' }) versionNumber: number;
  @ApiProperty() versionLabel: string;
  @ApiProperty({ type: [HistoryCommentDto], description: 'Adopted comments carried out in that version' })
  comments: HistoryCommentDto[];
}

export class BlameResponseDto {
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty({ type: HistoryClauseDto }) clause: HistoryClauseDto;
  @ApiProperty({ type: [BlameSpanDto] }) spans: BlameSpanDto[];
}
