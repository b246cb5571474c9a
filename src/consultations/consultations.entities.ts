import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/accounts.entities';
import { DocumentVersion, DraftDocument } from '../documents/documents.entities';

export type Visibility = 'drafters' | 'participants';
export const VISIBILITIES: Visibility[] = ['drafters', 'participants'];

/**
 * A consultation round (征求意见): one version released to all delegates or chosen groups, with a window
 * [opens_at, closes_at). Closing early moves closes_at; the row is otherwise not edited.
 */
@Entity('consultations')
@Check('ck_consultations_visibility', `"visibility" IN ('drafters', 'participants')`)
@Check('ck_consultations_window', `"closes_at" > "opens_at"`)
@Index('ix_consultations_version', ['versionId'])
@Index('ix_consultations_document', ['documentId'])
export class Consultation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_consultations' })
  id: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @ManyToOne(() => DraftDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_consultations_document' })
  document?: DraftDocument;

  @Column('uuid', { name: 'version_id' })
  versionId: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_consultations_version' })
  version?: DocumentVersion;

  @Column('integer', { name: 'version_number' })
  versionNumber: number;

  @Column('text')
  title: string;

  @Column('timestamptz', { name: 'opens_at' })
  opensAt: Date;

  @Column('timestamptz', { name: 'closes_at' })
  closesAt: Date;

  /** True: every delegate; false: only the groups in audience_groups. */
  @Column('boolean', { name: 'audience_all' })
  audienceAll: boolean;

  @Column('uuid', { name: 'audience_groups', array: true, default: () => "'{}'" })
  audienceGroups: string[];

  @Column('text')
  visibility: Visibility;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_consultations_created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
