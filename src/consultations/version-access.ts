import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { Visibility } from './consultations.entities';

/** A consultation as the access rules need it. */
export interface ConsultationRef {
  id: string;
  versionId: string;
  opensAt: Date;
  closesAt: Date;
  visibility: Visibility;
  title: string;
  open: boolean;
}

/** "Is this consultation addressed to the delegate": every delegate, or the delegate's group is in the audience. */
export const AUDIENCE_SQL = (alias: string, groupParam: string) =>
  `(${alias}.audience_all OR ${groupParam}::uuid = ANY(${alias}.audience_groups))`;

const REF_SELECT = `SELECT c.id, c.version_id AS "versionId", c.opens_at AS "opensAt", c.closes_at AS "closesAt",
    c.visibility, c.title, (now() >= c.opens_at AND now() < c.closes_at) AS open
  FROM consultations c JOIN versions v ON v.id = c.version_id`;

/**
 * Who may see which version: the drafting group (admin, drafter) sees every version; a delegate sees a version
 * only once a consultation addressed to them has released it (opens_at passed). Other areas use `canRead`.
 */
@Injectable()
export class VersionAccess {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async canRead(user: AuthUser, documentId: string, versionNumber: number): Promise<boolean> {
    if (user.role !== 'delegate') return true;
    return (await this.releasedTo(user, documentId, versionNumber)).length > 0;
  }

  /** Throws 403 unless the user may read the version. */
  async assertCanRead(user: AuthUser, documentId: string, versionNumber: number): Promise<void> {
    if (!(await this.canRead(user, documentId, versionNumber))) throw notReleased(versionNumber);
  }

  /** Consultations that released this version to the delegate (opened already), newest first. */
  async releasedTo(user: AuthUser, documentId: string, versionNumber: number, em: EntityManager = this.ds.manager): Promise<ConsultationRef[]> {
    if (!user.groupId) return [];
    return em.query(
      `${REF_SELECT} WHERE v.document_id = $1 AND v.number = $2 AND c.opens_at <= now() AND ${AUDIENCE_SQL('c', '$3')}
        ORDER BY c.opens_at DESC`,
      [documentId, versionNumber, user.groupId],
    );
  }

  /**
   * The consultation a delegate's new comment on this version belongs to: one whose window is open now.
   * 403 consultation_closed (saying the window) when one addressed to them exists but is not open; 403 forbidden
   * when none is addressed to them.
   */
  async openConsultationFor(user: AuthUser, documentId: string, versionNumber: number, em: EntityManager): Promise<ConsultationRef> {
    const [c] = await em.query(`${CONSULTATION_FOR_COMMENT_SQL('$1', '$2', '$3')}`, [documentId, versionNumber, user.groupId]);
    return requireOpen(c, versionNumber);
  }
}

/**
 * The one consultation that decides whether a delegate may comment on a version now: among those addressed to the
 * delegate's group, an open one if any (the newest opening), else the newest opening (for the "window" message).
 * At most one row; none for a delegate without a group. Placeholders are SQL parameter names. Also used inside the
 * comment create query, so the rule lives here once.
 */
export const CONSULTATION_FOR_COMMENT_SQL = (doc: string, num: string, group: string) => `${REF_SELECT}
  WHERE v.document_id = ${doc} AND v.number = ${num} AND ${group}::uuid IS NOT NULL AND ${AUDIENCE_SQL('c', group)}
  ORDER BY (now() >= c.opens_at AND now() < c.closes_at) DESC, c.opens_at DESC LIMIT 1`;

/** The consultation picked by CONSULTATION_FOR_COMMENT_SQL if it is open; 403 saying the window or "not released". */
export function requireOpen(c: ConsultationRef | undefined | null, versionNumber: number): ConsultationRef {
  if (c?.open) return c;
  if (c) throw windowClosed(c);
  throw notReleased(versionNumber);
}

export function windowClosed(c: { title: string; opensAt: Date; closesAt: Date }): DomainError {
  const from = new Date(c.opensAt).toISOString();
  const to = new Date(c.closesAt).toISOString();
  return new DomainError(
    ErrorCode.ConsultationClosed,
    `The consultation "${c.title}" accepts comments from ${from} until ${to} (exclusive); it is not open now.`,
    { opensAt: from, closesAt: to },
  );
}

export function notReleased(versionNumber: number): DomainError {
  return new DomainError(ErrorCode.Forbidden, `Version ${versionNumber} of this document has not been released to you in a consultation.`);
}
