import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from '../accounts/accounts.entities';
import type { ClauseKind } from '../engine/types';

export type VersionStage = 'drafting' | 'consultation' | 'final';
export const VERSION_STAGES: VersionStage[] = ['drafting', 'consultation', 'final'];

@Entity('documents')
export class DraftDocument {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_documents' })
  id: string;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  description: string;

  /** The number of the latest version; bumped under a row lock so concurrent writers get consecutive numbers. */
  @Column('integer', { name: 'version_count', default: 0 })
  versionCount: number;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_documents_created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One iteration of a draft. Insert-only: a trigger refuses updates and deletes. */
@Entity('versions')
@Unique('uq_versions_document_number', ['documentId', 'number'])
@Check('ck_versions_stage', `"stage" IN ('drafting', 'consultation', 'final')`)
@Check('ck_versions_number', `"number" > 0`)
export class DocumentVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_versions' })
  id: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @ManyToOne(() => DraftDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_versions_document' })
  document?: DraftDocument;

  @Column('integer')
  number: number;

  @Column('integer', { name: 'based_on', nullable: true })
  basedOn: number | null;

  @Column('text')
  label: string;

  @Column('text', { default: 'drafting' })
  stage: VersionStage;

  @Column('text', { default: '' })
  note: string;

  @Column('text', { name: 'source_format' })
  sourceFormat: string;

  @Column('text', { name: 'source_name', nullable: true })
  sourceName: string | null;

  @Column('integer', { name: 'clause_count' })
  clauseCount: number;

  @Column('integer', { name: 'text_length' })
  textLength: number;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_versions_author' })
  author?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One clause of one version. Text and structure never change (a trigger enforces it); only `key`, the clause's
 * identity across versions, may be rewritten, and only by a drafter's alignment correction.
 */
@Entity('clauses')
@Unique('uq_clauses_version_ordinal', ['versionId', 'ordinal'])
@Unique('uq_clauses_version_key', ['versionId', 'key'])
@Index('ix_clauses_document_key', ['documentId', 'key'])
export class Clause {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_clauses' })
  id: string;

  @Column('uuid', { name: 'version_id' })
  versionId: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_clauses_version' })
  version?: DocumentVersion;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('text')
  key: string;

  @Column('integer')
  ordinal: number;

  @Column('integer', { name: 'parent_ordinal', nullable: true })
  parentOrdinal: number | null;

  @Column('integer')
  level: number;

  @Column('text')
  kind: ClauseKind;

  @Column('text')
  label: string;

  @Column('text')
  number: string;

  @Column('text')
  gap: string;

  @Column('text')
  text: string;

  @Column('text')
  lead: string;

  @Column('text')
  tail: string;

  /** md5 of the normalised body: equal hashes = same wording, whatever the number. */
  @Column('text', { name: 'norm_hash' })
  normHash: string;

  /** The clause's full name: its headings and its own label ("三、… › （二）"); see engine/context.ts clausePaths. */
  @Column('text', { default: '' })
  path: string;
}

export type LineageKind = 'continue' | 'split' | 'merge';

/** How a clause of a version came from clause(s) of the version it is based on. */
@Entity('clause_lineage')
@Check('ck_lineage_kind', `"kind" IN ('continue', 'split', 'merge')`)
@Check('ck_lineage_source', `"source" IN ('auto', 'drafter')`)
@Index('ix_lineage_to_version', ['toVersionId'])
@Index('ix_lineage_document', ['documentId'])
export class ClauseLineage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_clause_lineage' })
  id: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('uuid', { name: 'from_version_id' })
  fromVersionId: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_version_id', foreignKeyConstraintName: 'fk_lineage_from_version' })
  fromVersion?: DocumentVersion;

  @Column('uuid', { name: 'to_version_id' })
  toVersionId: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_version_id', foreignKeyConstraintName: 'fk_lineage_to_version' })
  toVersion?: DocumentVersion;

  @Column('text', { name: 'from_key' })
  fromKey: string;

  @Column('text', { name: 'to_key' })
  toKey: string;

  @Column('text')
  kind: LineageKind;

  @Column('real')
  score: number;

  @Column('text', { default: 'auto' })
  source: 'auto' | 'drafter';
}
