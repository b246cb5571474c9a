import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_TYPES, type ChangeType } from '../engine/compare';
import { VERSION_STAGES, type VersionStage } from './documents.entities';

export class LatestVersionDto {
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty() label: string;
  @ApiProperty({ enum: VERSION_STAGES }) stage: VersionStage;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class DocumentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'integer', description: 'Versions (a delegate: those released to them)' }) versionCount: number;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({
    type: LatestVersionDto,
    nullable: true,
    description: 'The latest version (a delegate: released to them); null when none',
  })
  latestVersion: LatestVersionDto | null;
}

export class VersionAuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

/** A version without its clauses (the timeline). */
export class VersionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The version this one is based on' }) basedOn:
    number | null;
  @ApiProperty({ example: '第十六稿' }) label: string;
  @ApiProperty({ enum: VERSION_STAGES }) stage: VersionStage;
  @ApiProperty() note: string;
  @ApiProperty({ enum: ['text', 'markdown', 'docx'] }) sourceFormat: string;
  @ApiProperty({ type: String, nullable: true, description: 'The uploaded file name' }) sourceName: string | null;
  @ApiProperty({ type: 'integer' }) clauseCount: number;
  @ApiProperty({ type: 'integer' }) textLength: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: VersionAuthorDto }) author: VersionAuthorDto;
}

/** Counts of clauses by change type, exactly as the diff's summary counts them. */
export class ChangeSummaryDto {
  @ApiProperty({ type: 'integer' }) unchanged: number;
  @ApiProperty({ type: 'integer' }) modified: number;
  @ApiProperty({ type: 'integer', description: 'Changed only in references that followed a renumbering' })
  references: number;
  @ApiProperty({ type: 'integer' }) renumbered: number;
  @ApiProperty({ type: 'integer' }) moved: number;
  @ApiProperty({ type: 'integer' }) added: number;
  @ApiProperty({ type: 'integer' }) deleted: number;
  @ApiProperty({ type: 'integer' }) split: number;
  @ApiProperty({ type: 'integer' }) merged: number;
}

export class TrackedChangesDto {
  @ApiProperty({ type: 'integer', description: 'w:ins elements (inserted runs and paragraph marks)' })
  insertions: number;
  @ApiProperty({ type: 'integer', description: 'w:del elements (deleted runs and paragraph marks)' }) deletions: number;
  @ApiProperty({ type: 'integer', description: 'Moves (moveFrom ranges)' }) moves: number;
}

export class WordCommentDto {
  @ApiProperty() author: string;
  @ApiProperty({ type: String, nullable: true }) date: string | null;
  @ApiProperty({ description: 'The comment (批注) as written' }) text: string;
  @ApiProperty({ description: 'The words it is on ("" when it marks none)' }) quote: string;
}

export class WordCommentsDto {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: [WordCommentDto] }) comments: WordCommentDto[];
}

export class AddedVersionResponseDto extends VersionResponseDto {
  @ApiProperty({ type: ChangeSummaryDto, description: 'What changed from the based-on version' })
  changes: ChangeSummaryDto;
  @ApiPropertyOptional({
    type: TrackedChangesDto,
    description: 'A .docx upload: its tracked changes, all accepted in the stored text',
  })
  trackedChanges?: TrackedChangesDto;
  @ApiPropertyOptional({
    type: WordCommentsDto,
    description: 'A .docx upload: its Word comments (批注), not part of the text',
  })
  wordComments?: WordCommentsDto;
}

export class ClauseNodeDto {
  @ApiProperty({ description: 'Stable across versions' }) key: string;
  @ApiProperty({ example: '第一条' }) label: string;
  @ApiProperty({ type: 'integer' }) level: number;
  @ApiProperty({ example: 'article' }) kind: string;
  @ApiProperty() heading: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'Full name: headings and own label, "三、… › （二）"' }) path: string;
  @ApiProperty({ type: () => [ClauseNodeDto] }) children: ClauseNodeDto[];
}

export class VersionWithClausesResponseDto extends VersionResponseDto {
  @ApiProperty({ type: [ClauseNodeDto] }) clauses: ClauseNodeDto[];
}

export class LineageEdgeDto {
  @ApiProperty() fromKey: string;
  @ApiProperty() toKey: string;
  @ApiProperty({ enum: ['continue', 'split', 'merge'] }) kind: 'continue' | 'split' | 'merge';
  @ApiProperty({ description: 'Similarity of the aligned clauses, 0–1' }) score: number;
  @ApiProperty({ enum: ['auto', 'drafter'] }) source: 'auto' | 'drafter';
}

/** One side of a compared clause. */
export class ClauseRefDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional({ description: 'The headings it stands under, when its label alone is ambiguous' })
  context?: string;
  @ApiPropertyOptional({ description: 'Full name: headings and own label' }) path?: string;
}

/** A clause of either version as the comparison sees it (the alignment view: no inline diff; the diff adds it). */
export class AlignmentRowDto {
  @ApiProperty({ enum: CHANGE_TYPES }) type: ChangeType;
  @ApiProperty({ type: ClauseRefDto, nullable: true }) from: ClauseRefDto | null;
  @ApiProperty({ type: ClauseRefDto, nullable: true }) to: ClauseRefDto | null;
  @ApiPropertyOptional({ type: [ClauseRefDto], description: 'Split: every new clause the old one went into' })
  toParts?: ClauseRefDto[];
  @ApiPropertyOptional({ type: [ClauseRefDto], description: 'Merge: every old clause that went into the new one' })
  fromParts?: ClauseRefDto[];
  @ApiPropertyOptional({ description: 'The inline diff hit its bound: shown as replaced whole' }) fallback?: boolean;
}

export class AlignmentResponseDto {
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty({ type: 'integer', nullable: true }) basedOn: number | null;
  @ApiProperty({ type: [LineageEdgeDto] }) edges: LineageEdgeDto[];
  @ApiProperty({ type: [AlignmentRowDto] }) rows: AlignmentRowDto[];
}

export class ReferenceWarningDto {
  @ApiProperty() clauseKey: string;
  @ApiProperty() path: string;
  @ApiProperty({ description: 'The reference as written ("第二十条第二款")' }) reference: string;
  @ApiProperty() message: string;
}

/** A word-level edit of a clause's text. */
export class InlineOpDto {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'] }) op: 'equal' | 'insert' | 'delete';
  @ApiProperty() text: string;
  @ApiPropertyOptional({ enum: [true], description: 'A reference that followed the renumbering, not an edit' })
  ref?: true;
}
