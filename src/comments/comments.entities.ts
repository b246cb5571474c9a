import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Group, User } from '../accounts/accounts.entities';
import { Consultation } from '../consultations/consultations.entities';
import { DocumentVersion } from '../documents/documents.entities';
import type { AnchorStatus, QuoteSelector } from '../engine/reanchor';

export type CommentKind = 'amend' | 'add' | 'delete' | 'remark';
export const COMMENT_KINDS: CommentKind[] = ['amend', 'add', 'delete', 'remark'];
export type CommentStatus = 'open' | 'withdrawn';
export const COMMENT_STATUSES: CommentStatus[] = ['open', 'withdrawn'];
export type Outcome = 'adopted' | 'partly_adopted' | 'not_adopted' | 'already_covered' | 'under_study';
export const OUTCOMES: Outcome[] = ['adopted', 'partly_adopted', 'not_adopted', 'already_covered', 'under_study'];
/** Outcomes that a version can carry out: only these may name the version that implemented them. */
export const IMPLEMENTABLE: Outcome[] = ['adopted', 'partly_adopted'];
/** The record that reopens a decision (see CommentDecision). */
export const REOPENED = 'reopened';
export const OUTCOME_ZH: Record<Outcome, string> = {
  adopted: '采纳',
  partly_adopted: '部分采纳',
  not_adopted: '不予采纳',
  already_covered: '已体现',
  under_study: '留待研究',
};

/**
 * A delegate's comment as written: on one version and clause, with the original quote selector and offsets, which
 * never change. Kind, body and suggestion may be edited while the window is open (earlier wording goes to
 * comment_revisions); where the comment stands in each version is in comment_anchor.
 */
@Entity('comments')
@Unique('uq_comments_author_idempotency', ['authorId', 'idempotencyKey'])
@Check('ck_comments_kind', `"kind" IN ('amend', 'add', 'delete', 'remark')`)
@Check('ck_comments_status', `"status" IN ('open', 'withdrawn')`)
@Index('ix_comments_consultation_author', ['consultationId', 'authorId'])
@Index('ix_comments_author', ['authorId', 'createdAt'])
export class Comment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_comments' })
  id: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('uuid', { name: 'version_id' })
  versionId: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_comments_version' })
  version?: DocumentVersion;

  @Column('integer', { name: 'version_number' })
  versionNumber: number;

  @Column('uuid', { name: 'consultation_id' })
  consultationId: string;

  @ManyToOne(() => Consultation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'fk_comments_consultation' })
  consultation?: Consultation;

  @Column('text', { name: 'clause_key' })
  clauseKey: string;

  @Column('jsonb', { nullable: true })
  quote: QuoteSelector | null;

  @Column('integer', { name: 'start_offset', default: 0 })
  startOffset: number;

  @Column('integer', { name: 'end_offset', default: 0 })
  endOffset: number;

  @Column('text')
  kind: CommentKind;

  @Column('text')
  body: string;

  @Column('text', { nullable: true })
  suggestion: string | null;

  @Column('text', { default: 'open' })
  status: CommentStatus;

  @Column('integer', { default: 1 })
  revision: number;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_comments_author' })
  author?: User;

  @Column('uuid', { name: 'group_id', nullable: true })
  groupId: string | null;

  @ManyToOne(() => Group, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_comments_group' })
  group?: Group | null;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  /** sha256 of the request that created the comment: a retry with the same key must carry the same request. */
  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** Where a comment stands in one version. Written when the comment is made and when a version is added. */
@Entity('comment_anchor')
@Check('ck_comment_anchor_status', `"status" IN ('exact', 'shifted', 'fuzzy', 'clause', 'orphaned')`)
@Index('ix_comment_anchor_version_clause', ['versionId', 'clauseKey', 'withdrawn', 'commentId'])
export class CommentAnchor {
  @PrimaryColumn('uuid', { name: 'comment_id', primaryKeyConstraintName: 'pk_comment_anchor' })
  commentId: string;

  @PrimaryColumn('uuid', { name: 'version_id', primaryKeyConstraintName: 'pk_comment_anchor' })
  versionId: string;

  @ManyToOne(() => Comment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'fk_comment_anchor_comment' })
  comment?: Comment;

  @ManyToOne(() => DocumentVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_comment_anchor_version' })
  version?: DocumentVersion;

  @Column('text', { name: 'clause_key' })
  clauseKey: string;

  @Column('integer', { name: 'start_offset' })
  startOffset: number;

  @Column('integer', { name: 'end_offset' })
  endOffset: number;

  @Column('text')
  status: AnchorStatus;

  @Column('real', { nullable: true })
  score: number | null;

  /** Copied from the comment's status so the heat map and lists never join: a withdrawn comment is not counted. */
  @Column('boolean', { default: false })
  withdrawn: boolean;
}

/**
 * Open comments per clause of a version: the heat map in one small read. Kept by statement-level triggers on
 * comment_anchor (insert, update, delete), so every write path — new comments, carrying, withdrawals, key renames —
 * keeps it right without knowing about it.
 */
@Entity('comment_counts')
export class CommentCount {
  @PrimaryColumn('uuid', { name: 'version_id', primaryKeyConstraintName: 'pk_comment_counts' })
  versionId: string;

  @PrimaryColumn('text', { name: 'clause_key', primaryKeyConstraintName: 'pk_comment_counts' })
  clauseKey: string;

  @Column('integer', { name: 'open_count', default: 0 })
  openCount: number;
}

/** Earlier wording of a comment, one row per edit or withdrawal. Append-only. */
@Entity('comment_revisions')
@Index('ix_comment_revisions_comment', ['commentId', 'revision'])
export class CommentRevision {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_comment_revisions' })
  id: string;

  @Column('uuid', { name: 'comment_id' })
  commentId: string;

  @ManyToOne(() => Comment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'fk_comment_revisions_comment' })
  comment?: Comment;

  @Column('integer')
  revision: number;

  @Column('text')
  kind: CommentKind;

  @Column('text')
  body: string;

  @Column('text', { nullable: true })
  suggestion: string | null;

  @Column('text')
  status: CommentStatus;

  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt: Date;
}

/** A thread between the drafting group and the comment's author. */
@Entity('comment_replies')
@Index('ix_comment_replies_comment', ['commentId', 'createdAt'])
export class CommentReply {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_comment_replies' })
  id: string;

  @Column('uuid', { name: 'comment_id' })
  commentId: string;

  @ManyToOne(() => Comment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'fk_comment_replies_comment' })
  comment?: Comment;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_comment_replies_author' })
  author?: User;

  @Column('text')
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The drafting group's decisions on a comment, append-only: the latest is the current one, earlier ones are history.
 * A latest row 'reopened' means the group took its decision back: the comment is undecided (and editable) again.
 */
@Entity('comment_decisions')
@Check(
  'ck_comment_decisions_outcome',
  `"outcome" IN ('adopted', 'partly_adopted', 'not_adopted', 'already_covered', 'under_study', 'reopened')`,
)
@Index('ix_comment_decisions_comment', ['commentId', 'decidedAt'])
export class CommentDecision {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_comment_decisions' })
  id: string;

  @Column('uuid', { name: 'comment_id' })
  commentId: string;

  @ManyToOne(() => Comment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'fk_comment_decisions_comment' })
  comment?: Comment;

  @Column('text')
  outcome: Outcome | typeof REOPENED;

  @Column('text')
  reason: string;

  @Column('integer', { name: 'implemented_in_version', nullable: true })
  implementedInVersion: number | null;

  @Column('uuid', { name: 'decided_by' })
  decidedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_comment_decisions_decided_by' })
  decider?: User;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
