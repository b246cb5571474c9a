import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GroupRefDto } from '../accounts/accounts.responses';
import { ROLES, type Role } from '../accounts/accounts.entities';
import {
  COMMENT_KINDS,
  COMMENT_STATUSES,
  type CommentKind,
  type CommentStatus,
  OUTCOMES,
  type Outcome,
  REOPENED,
} from './comments.entities';

const ANCHOR_STATUSES = ['exact', 'shifted', 'fuzzy', 'clause', 'orphaned'] as const;
type AnchorStatus = (typeof ANCHOR_STATUSES)[number];

export class CommentAuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

export class QuoteResponseDto {
  @ApiProperty() exact: string;
  @ApiPropertyOptional() prefix?: string;
  @ApiPropertyOptional() suffix?: string;
}

/** The anchor as written; it never changes. */
export class OriginalAnchorDto {
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() clauseKey: string;
  @ApiProperty({ type: 'integer' }) start: number;
  @ApiProperty({ type: 'integer' }) end: number;
  @ApiProperty({ type: QuoteResponseDto, nullable: true, description: 'null: the whole clause' })
  quote: QuoteResponseDto | null;
  @ApiProperty({ type: String, nullable: true, description: "The clause's full name in that version" }) clausePath:
    string | null;
}

/** Where the comment stands in the version asked about: offsets into that version's clause text. */
export class AnchorDto {
  @ApiProperty({ enum: ANCHOR_STATUSES }) status: AnchorStatus;
  @ApiProperty() clauseKey: string;
  @ApiProperty({ type: 'integer' }) start: number;
  @ApiProperty({ type: 'integer' }) end: number;
  @ApiProperty({ type: Number, nullable: true, description: 'fuzzy: how well the quote matched' }) score: number | null;
  @ApiProperty({ type: String, nullable: true, description: "The clause's full name (null when orphaned)" })
  clausePath: string | null;
}

export class CurrentDecisionDto {
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'integer', nullable: true }) implementedInVersion: number | null;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date;
}

export class CommentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'integer', description: 'The version commented on' }) versionNumber: number;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty() clauseKey: string;
  @ApiProperty({ enum: COMMENT_KINDS }) kind: CommentKind;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) suggestion: string | null;
  @ApiProperty({ enum: COMMENT_STATUSES }) status: CommentStatus;
  @ApiProperty({ type: 'integer', description: '1 for the first wording; each edit or withdrawal adds one' })
  revision: number;
  @ApiProperty({ type: CommentAuthorDto }) author: CommentAuthorDto;
  @ApiProperty({ type: GroupRefDto, nullable: true }) group: GroupRefDto | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: OriginalAnchorDto }) originalAnchor: OriginalAnchorDto;
  @ApiProperty({ type: CurrentDecisionDto, nullable: true }) decision: CurrentDecisionDto | null;
}

/** A comment in a version's list, with its place in that version. */
export class VersionCommentDto extends CommentResponseDto {
  @ApiProperty({ type: AnchorDto }) anchor: AnchorDto;
}

export class CommentPageDto {
  @ApiProperty({ type: [VersionCommentDto] }) items: VersionCommentDto[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;
}

export class ClauseCountDto {
  @ApiProperty() clauseKey: string;
  @ApiProperty({ type: 'integer', description: 'Open comments on the clause' }) count: number;
}

export class SimilarGroupDto {
  @ApiProperty({ format: 'uuid', description: 'The first comment of the group' }) groupId: string;
  @ApiProperty() clauseKey: string;
  @ApiProperty({ type: [String] }) commentIds: string[];
  @ApiProperty({ type: [String] }) bodies: string[];
}

export class ReplyAuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class MyReplyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: ReplyAuthorDto }) author: ReplyAuthorDto;
}

/** Where my comment stands in the latest version I may see; the anchor fields are null until it is carried there. */
export class LatestPlaceDto {
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ANCHOR_STATUSES, nullable: true }) status: AnchorStatus | null;
  @ApiProperty({ type: String, nullable: true }) clauseKey: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) start: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) end: number | null;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: String, nullable: true }) clauseLabel: string | null;
  @ApiProperty({ type: String, nullable: true }) clausePath: string | null;
}

export class MyCommentDto extends CommentResponseDto {
  @ApiProperty({ type: [MyReplyDto] }) replies: MyReplyDto[];
  @ApiProperty({ type: LatestPlaceDto, nullable: true }) latest: LatestPlaceDto | null;
}

/** An earlier wording, kept when the author edits or withdraws. */
export class CommentRevisionDto {
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ enum: COMMENT_KINDS }) kind: CommentKind;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) suggestion: string | null;
  @ApiProperty({ enum: COMMENT_STATUSES }) status: CommentStatus;
  @ApiProperty({ type: String, format: 'date-time' }) replacedAt: Date;
}

export class ThreadAuthorDto extends CommentAuthorDto {
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class ReplyResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: ThreadAuthorDto }) author: ThreadAuthorDto;
}

export class DecisionRecordDto {
  @ApiProperty({ enum: [...OUTCOMES, REOPENED], description: 'reopened: the decision before it was taken back' })
  outcome: Outcome | typeof REOPENED;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'integer', nullable: true }) implementedInVersion: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date;
  @ApiProperty({ type: CommentAuthorDto }) decidedBy: CommentAuthorDto;
}

/** A comment with its history, its whole reply thread and every decision taken on it. */
export class CommentDetailDto extends CommentResponseDto {
  @ApiProperty({ type: [CommentRevisionDto] }) history: CommentRevisionDto[];
  @ApiProperty({ type: [ReplyResponseDto] }) replies: ReplyResponseDto[];
  @ApiProperty({ type: [DecisionRecordDto] }) decisions: DecisionRecordDto[];
}

export class NewReplyAuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class NewReplyResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: NewReplyAuthorDto }) author: NewReplyAuthorDto;
}

export class DecisionResponseDto {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'integer', nullable: true }) implementedInVersion: number | null;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date;
}

export class ReopenResponseDto {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty({ enum: [REOPENED] }) outcome: typeof REOPENED;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date;
}
