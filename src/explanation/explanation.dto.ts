import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OUTCOMES, type Outcome } from '../comments/comments.entities';
import { StrictNumber, VERSION_NUMBER } from '../common/strict-number';
import { CHANGE_TYPES, type ChangeType, type CompareSummary } from '../engine/compare';
import type { InlineOp } from '../engine/inline-diff';

export const EXPLANATION_FORMATS = ['json', 'docx', 'html'] as const;
export type ExplanationFormat = (typeof EXPLANATION_FORMATS)[number];

export class ExplanationQueryDto {
  @ApiProperty({
    description: 'The earlier version (the 说明 explains what changed after it)',
    example: 1,
    minimum: 1,
    maximum: VERSION_NUMBER.max,
  })
  @StrictNumber(VERSION_NUMBER)
  from: number;

  @ApiProperty({
    description: 'The later version (from = to: nothing changed)',
    example: 2,
    minimum: 1,
    maximum: VERSION_NUMBER.max,
  })
  @StrictNumber(VERSION_NUMBER)
  to: number;

  @ApiPropertyOptional({ enum: EXPLANATION_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPLANATION_FORMATS, { message: `format must be one of: ${EXPLANATION_FORMATS.join(', ')}` })
  format?: ExplanationFormat;
}

export class VersionRefDto {
  @ApiProperty() number: number;
  @ApiProperty() label: string;
}

export class VersionNoteDto extends VersionRefDto {
  @ApiProperty({ description: "The version's note as the drafter wrote it" }) note: string;
}

export class ExplanationClauseDto {
  @ApiProperty() key: string;
  @ApiProperty({ example: '第二十条' }) label: string;
  @ApiProperty({ description: 'Full path: headings and own label', example: '三、实施专精特新企业培育工程 › （二）' })
  path: string;
  @ApiProperty() text: string;
}

export class InlineOpDto implements InlineOp {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'] }) op: InlineOp['op'];
  @ApiProperty() text: string;
  @ApiPropertyOptional({ enum: [true], description: 'A reference that followed the renumbering' }) ref?: true;
}

export class ExplanationAuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class ExplanationGroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '第一代表团' }) name: string;
}

export class ExplanationDecisionDto {
  @ApiProperty({ enum: OUTCOMES.filter((o) => o === 'adopted' || o === 'partly_adopted') }) outcome: Outcome;
  @ApiProperty({ example: '采纳' }) outcomeLabel: string;
  @ApiProperty({ description: "The drafting group's reason" }) reason: string;
  @ApiProperty({ description: 'The version that carried it out' }) implementedInVersion: number;
  @ApiProperty() implementedInLabel: string;
}

export class ExplanationCommentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The version it was written on' }) versionNumber: number;
  @ApiProperty() versionLabel: string;
  @ApiProperty({ description: 'The clause key it was written on' }) clauseKey: string;
  @ApiProperty({ enum: ['amend', 'add', 'delete', 'remark'] }) kind: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) suggestion: string | null;
  @ApiProperty({ type: ExplanationAuthorDto }) author: ExplanationAuthorDto;
  @ApiProperty({ type: ExplanationGroupDto, nullable: true }) group: ExplanationGroupDto | null;
  @ApiProperty({ type: ExplanationDecisionDto }) decision: ExplanationDecisionDto;
}

export class ExplanationChangeDto {
  @ApiProperty({ description: 'Position among the listed changes (the comparison order, unchanged clauses left out)' })
  index: number;
  @ApiProperty({ enum: CHANGE_TYPES }) type: ChangeType;
  @ApiProperty({ description: 'Both sides by full path: "第五条 → 第六条"' }) title: string;
  @ApiProperty({ description: 'The 说明 of the comparison table, e.g. "由第八项移至第五项，并作修改"' }) note: string;
  @ApiProperty({ type: ExplanationClauseDto, nullable: true }) from: ExplanationClauseDto | null;
  @ApiProperty({ type: ExplanationClauseDto, nullable: true }) to: ExplanationClauseDto | null;
  @ApiPropertyOptional({ type: [ExplanationClauseDto], description: 'Merge: every clause merged' })
  fromParts?: ExplanationClauseDto[];
  @ApiPropertyOptional({ type: [ExplanationClauseDto], description: 'Split: every part' })
  toParts?: ExplanationClauseDto[];
  @ApiProperty({ type: [InlineOpDto] }) inline: InlineOp[];
  @ApiProperty({
    type: [ExplanationCommentDto],
    description: 'Adopted / partly adopted comments carried out in (from, to] that caused it',
  })
  comments: ExplanationCommentDto[];
  @ApiProperty({ type: [VersionNoteDto], description: 'Notes of versions in (from, to] that name the clause' })
  notes: VersionNoteDto[];
  @ApiProperty({
    description: 'A comment or a note explains it, or it only follows renumbering (references, renumbered)',
  })
  explained: boolean;
}

export class CountsDto {
  @ApiProperty({ description: '修改: modified, split, merged, and moved clauses whose words changed' })
  modified: number;
  @ApiProperty() added: number;
  @ApiProperty() deleted: number;
  @ApiProperty({ description: 'Renumbered, moved, and references that followed the renumbering' }) adjusted: number;
}

export class NotCarriedOutDto {
  @ApiProperty({ type: ExplanationCommentDto }) comment: ExplanationCommentDto;
  @ApiProperty({
    enum: ['unchanged', 'renumbered', 'references', 'reverted', 'not_found'],
    description:
      'What happened to its clause in the version said to carry it out: nothing, only renumbered, only references; ' +
      'reverted: changed there but not in the comparison (undone later); not_found: that version has no based-on version',
  })
  reason: string;
}

export class UnexplainedDto {
  @ApiProperty({ description: 'Index into changes' }) index: number;
  @ApiProperty({ enum: CHANGE_TYPES }) type: ChangeType;
  @ApiProperty() title: string;
}

export class ReverseCheckDto {
  @ApiProperty({ type: [NotCarriedOutDto] }) adoptedNotCarriedOut: NotCarriedOutDto[];
  @ApiProperty({ type: [UnexplainedDto], description: 'Changes that no adopted comment and no version note explains' })
  unexplained: UnexplainedDto[];
}

export class SummaryDto implements CompareSummary {
  @ApiProperty() unchanged: number;
  @ApiProperty() modified: number;
  @ApiProperty() references: number;
  @ApiProperty() renumbered: number;
  @ApiProperty() moved: number;
  @ApiProperty() added: number;
  @ApiProperty() deleted: number;
  @ApiProperty() split: number;
  @ApiProperty() merged: number;
}

export class ExplanationDto {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: VersionRefDto }) from: VersionRefDto;
  @ApiProperty({ type: VersionRefDto }) to: VersionRefDto;
  @ApiProperty({ type: [VersionNoteDto], description: 'The versions in (from, to], with their notes' })
  versions: VersionNoteDto[];
  @ApiProperty({ type: SummaryDto, description: "The comparison's own counts" }) summary: CompareSummary;
  @ApiProperty({ type: CountsDto }) counts: CountsDto;
  @ApiProperty({ example: '共修改5条，新增2条，删除1条，条文顺序和引用条文序号作相应调整。' }) sentence: string;
  @ApiProperty({ type: String, nullable: true, description: 'The one note for every clause only renumbered' })
  renumberedNote: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The one note for every clause whose references alone followed',
  })
  referencesNote: string | null;
  @ApiProperty({
    type: [ExplanationChangeDto],
    description: 'Every change of the comparison (unchanged clauses left out)',
  })
  changes: ExplanationChangeDto[];
  @ApiProperty({ type: ReverseCheckDto }) check: ReverseCheckDto;
}

export type Explanation = ExplanationDto;
export type ExplanationChange = ExplanationChangeDto;
export type ExplanationComment = ExplanationCommentDto;
