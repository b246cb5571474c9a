import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type LiveAudience = 'drafters' | 'consultation';

/**
 * What changed on a document, written by triggers (migration 1764930000000) in the transaction of the change. A short
 * log: the event stream replays it to clients that reconnect, and rows older than an hour are purged.
 */
@Entity('live_events')
@Check('ck_live_events_audience', `"audience" IN ('drafters', 'consultation')`)
@Index('ix_live_events_document', ['documentId', 'id'])
export class LiveEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_live_events' })
  id: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('text')
  kind: string;

  @Column('jsonb', { default: {} })
  payload: Record<string, unknown>;

  /** drafters: the drafting group only; consultation: as the consultation (and, for a comment, its author) allows. */
  @Column('text')
  audience: LiveAudience;

  @Column('uuid', { name: 'consultation_id', nullable: true })
  consultationId: string | null;

  /** The comment's author, who always sees what happens to their comment. */
  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @Index('ix_live_events_created')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
