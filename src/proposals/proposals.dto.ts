import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';
import { StrictNumber, VERSION_NUMBER } from '../common/strict-number';
import { COMMENT_KINDS, type CommentKind } from '../comments/comments.entities';
import type { ClauseChange, CompareSummary } from '../engine/compare';

export class CreateProposalDto {
  @ApiProperty({
    description: 'The version the suggestions are applied to',
    minimum: 1,
    maximum: VERSION_NUMBER.max,
    example: 1,
  })
  @StrictNumber(VERSION_NUMBER)
  baseVersion: number;

  @ApiProperty({
    type: [String],
    description: 'Comments whose suggestions to apply (usually those decided 采纳 / 部分采纳)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  commentIds: string[];
}

export const SKIP_REASONS = [
  'withdrawn',
  'not_adopted',
  'later_version',
  'not_in_version',
  'orphaned',
  'quote_lost',
  'no_suggestion',
  'clause_missing',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export class ProposalVersionRefDto {
  @ApiProperty() number: number;
  @ApiProperty() label: string;
}

export class OffsetRangeDto {
  @ApiProperty() start: number;
  @ApiProperty() end: number;
}

export class AppliedSuggestionDto {
  @ApiProperty() commentId: string;
  @ApiProperty({ enum: COMMENT_KINDS }) kind: CommentKind;
  @ApiProperty({ description: 'The clause in the base version' }) clauseKey: string;
  @ApiProperty() clausePath: string;
  @ApiProperty({
    description:
      'Start of the replaced or removed passage in the base clause text (0 with end 0: the whole clause, or an addition after it)',
  })
  start: number;
  @ApiProperty() end: number;
  @ApiProperty({
    type: OffsetRangeDto,
    description: 'Where the new wording stands in the candidate text (start = end for a removal)',
  })
  at: OffsetRangeDto;
}

export class ConflictingSuggestionDto {
  @ApiProperty() commentId: string;
  @ApiProperty({ enum: COMMENT_KINDS }) kind: CommentKind;
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiProperty({ type: String, nullable: true, description: 'The proposed wording; null for a deletion' }) wording:
    string | null;
}

export class ProposalConflictDto {
  @ApiProperty() clauseKey: string;
  @ApiProperty() clausePath: string;
  @ApiProperty({ description: 'Start of the words concerned in the base clause' }) start: number;
  @ApiProperty() end: number;
  @ApiProperty({ description: 'Those words (empty when the whole clause is concerned)' }) quote: string;
  @ApiProperty({ type: [ConflictingSuggestionDto], description: 'Every suggestion concerned, none of them applied' })
  suggestions: ConflictingSuggestionDto[];
}

export class SkippedSuggestionDto {
  @ApiProperty() commentId: string;
  @ApiProperty({ enum: SKIP_REASONS }) reason: SkipReason;
  @ApiProperty({ description: 'The reason in words' }) message: string;
}

export class ProposalDiffDto {
  // The diff route's own schemas, by name (documented by the diff and documents areas).
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath('ChangeSummaryDto') }],
    description: 'Counts by change type, as the diff route gives them',
  })
  summary: CompareSummary;

  @ApiProperty({
    type: 'array',
    items: { $ref: getSchemaPath('DiffChangeDto') },
    description: 'The changes from the base version to the candidate, exactly as GET …/diff?format=json lists them',
  })
  changes: ClauseChange[];
}

export class ProposalView {
  @ApiProperty({ type: ProposalVersionRefDto }) baseVersion: ProposalVersionRefDto;
  @ApiProperty({ description: 'The candidate text for the next draft (not stored)' }) text: string;
  @ApiProperty({
    enum: ['text', 'markdown'],
    description: 'Format to send the text back in when adding it as a version',
  })
  format: 'text' | 'markdown';
  @ApiProperty({ type: [AppliedSuggestionDto] }) applied: AppliedSuggestionDto[];
  @ApiProperty({ type: [ProposalConflictDto] }) conflicts: ProposalConflictDto[];
  @ApiProperty({ type: [SkippedSuggestionDto] }) skipped: SkippedSuggestionDto[];
  @ApiProperty({ type: ProposalDiffDto, description: 'The candidate compared with the base version' })
  diff: ProposalDiffDto;
}
