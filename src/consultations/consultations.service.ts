import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { documentNotFound, versionNotFound } from '../documents/documents.errors';
import { DocumentsRepository, type VersionRef } from '../documents/documents.repository';
import { inTransaction } from '../common/transaction';
import { isUuid } from '../common/uuid';
import type { ConsultationView, OpenConsultationDto, PendingGroup } from './consultations.dto';
import { AUDIENCE_SQL } from './version-access';
import { ConsultationsErrorCode } from './consultations.errors';

const SELECT = `SELECT c.id, c.document_id AS "documentId", c.version_number AS "versionNumber", c.title,
    c.opens_at AS "opensAt", c.closes_at AS "closesAt",
    CASE WHEN c.audience_all THEN to_jsonb('all'::text) ELSE to_jsonb(c.audience_groups) END AS audience,
    c.visibility, c.created_by AS "createdBy", c.created_at AS "createdAt",
    (now() >= c.opens_at AND now() < c.closes_at) AS open
  FROM consultations c`;

@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly versions: DocumentsRepository,
  ) {}

  async open(actor: AuthUser, documentId: string, dto: OpenConsultationDto): Promise<ConsultationView> {
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    if (!(closesAt > opensAt)) throw invalid('closesAt must be after opensAt.');
    const audience = dto.audience;
    const all = audience === 'all';
    if (
      !all &&
      !(Array.isArray(audience) && audience.length > 0 && audience.every((g) => typeof g === 'string' && isUuid(g)))
    ) {
      throw invalid('audience must be "all" or a non-empty list of group ids.');
    }
    const groups = all ? [] : [...new Set(audience)];
    const id = await inTransaction(this.ds, async (em) => {
      const version = await this.version(em, documentId, dto.versionNumber);
      if (groups.length) {
        const [{ n }] = await em.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM groups WHERE id = ANY($1::uuid[])`,
          [groups],
        );
        if (n !== groups.length) throw invalid('audience names a group that does not exist.');
      }
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO consultations (document_id, version_id, version_number, title, opens_at, closes_at, audience_all,
                                    audience_groups, visibility, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10) RETURNING id`,
        [
          documentId,
          version.id,
          dto.versionNumber,
          dto.title?.trim() || `${version.label}征求意见`,
          opensAt,
          closesAt,
          all,
          groups,
          dto.visibility,
          actor.id,
        ],
      );
      await audit(em, actor.id, 'consultation.open', 'consultation', row.id, {
        documentId,
        versionNumber: dto.versionNumber,
      });
      return row.id;
    });
    return this.get(actor, id);
  }

  /** Ends the window now (or keeps a window that has already ended). */
  async close(actor: AuthUser, id: string): Promise<ConsultationView> {
    await inTransaction(this.ds, async (em) => {
      await this.getIn(em, actor, id);
      await em.query(
        `UPDATE consultations SET closes_at = GREATEST(opens_at + interval '1 millisecond', LEAST(closes_at, now())) WHERE id = $1`,
        [id],
      );
      await audit(em, actor.id, 'consultation.close', 'consultation', id);
    });
    return this.get(actor, id);
  }

  /** A document's consultations; a delegate sees only those addressed to them. */
  async list(user: AuthUser, documentId: string): Promise<ConsultationView[]> {
    if (!isUuid(documentId)) return [];
    if (user.role !== 'delegate')
      return this.ds.query(`${SELECT} WHERE c.document_id = $1 ORDER BY c.opens_at DESC`, [documentId]);
    return this.ds.query(`${SELECT} WHERE c.document_id = $1 AND ${AUDIENCE_SQL('c', '$2')} ORDER BY c.opens_at DESC`, [
      documentId,
      user.groupId,
    ]);
  }

  async get(user: AuthUser, id: string): Promise<ConsultationView> {
    return this.getIn(this.ds.manager, user, id);
  }

  /** The consultation as `user` may see it, read with `em` (the transaction's inside one); 404 when hidden or absent. */
  private async getIn(em: EntityManager, user: AuthUser, id: string): Promise<ConsultationView> {
    const rows = isUuid(id) ? await em.query<ConsultationView[]>(`${SELECT} WHERE c.id = $1`, [id]) : [];
    const c: ConsultationView | undefined = rows[0];
    // one addressed to other groups does not exist for a delegate: the same answer as for a missing one
    const hidden =
      c && user.role === 'delegate' && c.audience !== 'all' && !(user.groupId && c.audience.includes(user.groupId));
    if (!c || hidden) throw new DomainError(ConsultationsErrorCode.ConsultationNotFound, `No consultation ${id}.`);
    return c;
  }

  /** Per group of the audience: its delegates and who among them has not commented yet. */
  async pending(actor: AuthUser, id: string): Promise<PendingGroup[]> {
    await this.get(actor, id);
    const rows: {
      groupId: string;
      groupName: string;
      id: string;
      username: string;
      displayName: string;
      commented: boolean;
    }[] = await this.ds.query(
      `SELECT g.id AS "groupId", g.name AS "groupName", u.id, u.username, u.display_name AS "displayName",
                EXISTS (SELECT 1 FROM comments m WHERE m.consultation_id = c.id AND m.author_id = u.id) AS commented
           FROM consultations c
           JOIN groups g ON ${AUDIENCE_SQL('c', 'g.id')}
           JOIN users u ON u.group_id = g.id AND u.role = 'delegate' AND NOT u.disabled
          WHERE c.id = $1
          ORDER BY g.name, u.username`,
      [id],
    );
    const out = new Map<string, PendingGroup>();
    for (const r of rows) {
      let g = out.get(r.groupId);
      if (!g)
        out.set(
          r.groupId,
          (g = { group: { id: r.groupId, name: r.groupName }, delegates: 0, commented: 0, pending: [] }),
        );
      g.delegates++;
      if (r.commented) g.commented++;
      else g.pending.push({ id: r.id, username: r.username, displayName: r.displayName });
    }
    return [...out.values()];
  }

  private async version(em: EntityManager, documentId: string, number: number): Promise<VersionRef> {
    if (!isUuid(documentId)) throw documentNotFound(documentId);
    const v = await this.versions.versionRef(em, documentId, number);
    if (!v) throw versionNotFound(documentId, number);
    return v;
  }
}

const invalid = (message: string) => new DomainError(ErrorCode.ValidationFailed, message);
