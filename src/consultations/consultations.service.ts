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
import { ConsultationsErrorCode } from './consultations.errors';
import { ConsultationsRepository } from './consultations.repository';

@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly versions: DocumentsRepository,
    private readonly repo: ConsultationsRepository,
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
      if (groups.length && (await this.repo.countExistingGroups(em, groups)) !== groups.length)
        throw invalid('audience names a group that does not exist.');
      const consultationId = await this.repo.insert(em, {
        documentId,
        versionId: version.id,
        versionNumber: dto.versionNumber,
        title: dto.title?.trim() || `${version.label}征求意见`,
        opensAt,
        closesAt,
        audienceAll: all,
        audienceGroups: groups,
        visibility: dto.visibility,
        createdBy: actor.id,
      });
      await audit(em, actor.id, 'consultation.open', 'consultation', consultationId, {
        documentId,
        versionNumber: dto.versionNumber,
      });
      return consultationId;
    });
    return this.get(actor, id);
  }

  /** Ends the window now (or keeps a window that has already ended). */
  async close(actor: AuthUser, id: string): Promise<ConsultationView> {
    await inTransaction(this.ds, async (em) => {
      await this.getIn(em, actor, id);
      await this.repo.close(em, id);
      await audit(em, actor.id, 'consultation.close', 'consultation', id);
    });
    return this.get(actor, id);
  }

  /** A document's consultations; a delegate sees only those addressed to them. */
  async list(user: AuthUser, documentId: string): Promise<ConsultationView[]> {
    if (!isUuid(documentId)) return [];
    if (user.role !== 'delegate') return this.repo.forDocument(this.ds.manager, documentId);
    return this.repo.forDocumentAddressedTo(this.ds.manager, documentId, user.groupId);
  }

  async get(user: AuthUser, id: string): Promise<ConsultationView> {
    return this.getIn(this.ds.manager, user, id);
  }

  /** The consultation as `user` may see it, read with `em` (the transaction's inside one); 404 when hidden or absent. */
  private async getIn(em: EntityManager, user: AuthUser, id: string): Promise<ConsultationView> {
    const c = isUuid(id) ? await this.repo.byId(em, id) : undefined;
    // one addressed to other groups does not exist for a delegate: the same answer as for a missing one
    const hidden =
      c && user.role === 'delegate' && c.audience !== 'all' && !(user.groupId && c.audience.includes(user.groupId));
    if (!c || hidden) throw new DomainError(ConsultationsErrorCode.ConsultationNotFound, `No consultation ${id}.`);
    return c;
  }

  /** Per group of the audience: its delegates and who among them has not commented yet. */
  async pending(actor: AuthUser, id: string): Promise<PendingGroup[]> {
    await this.get(actor, id);
    const rows = await this.repo.audienceDelegates(this.ds.manager, id);
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
