import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { versionNotFound } from '../documents/documents.errors';
import { VersionAccess } from '../consultations/version-access';
import { DocumentsRepository } from '../documents/documents.repository';
import type { ListCommentsQuery } from './comments.dto';
import { CommentsReadRepository, type OwnComment } from './comments-read.repository';
import type { CommentView } from './comments.repository';

export interface CommentPage {
  items: CommentView[];
  page: number;
  pageSize: number;
  total: number;
}

/** Reading comments: a version's list (one indexed query on comment_anchor), its heat map, a delegate's own. */
@Injectable()
export class CommentsReadService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: VersionAccess,
    private readonly versions: DocumentsRepository,
    private readonly reads: CommentsReadRepository,
  ) {}

  async list(user: AuthUser, documentId: string, versionNumber: number, q: ListCommentsQuery): Promise<CommentPage> {
    const versionId = await this.readableVersion(user, documentId, versionNumber);
    const pageSize = q.pageSize ?? 50;
    const page = q.page ?? 1;
    const { items, total } = await this.reads.list(this.ds.manager, user, versionId, q, page, pageSize);
    return { items, page, pageSize, total };
  }

  /** Per clause key of the version: open comments that stand there (one grouped query; a heat map). */
  async counts(
    user: AuthUser,
    documentId: string,
    versionNumber: number,
  ): Promise<{ clauseKey: string; count: number }[]> {
    const versionId = await this.readableVersion(user, documentId, versionNumber);
    // A delegate's counts leave out what the delegate may not read, so they cannot come from the kept totals.
    if (user.role !== 'delegate') return this.reads.openCounts(this.ds.manager, versionId);
    return this.reads.openCountsSeenBy(this.ds.manager, versionId, user);
  }

  /** The user's own comments, newest first, each with its thread and its place in the latest version they may see. */
  async mine(user: AuthUser): Promise<OwnComment[]> {
    return this.reads.mine(this.ds.manager, user);
  }

  private async readableVersion(user: AuthUser, documentId: string, versionNumber: number): Promise<string> {
    await this.access.assertCanRead(user, documentId, versionNumber);
    const version = await this.versions.versionRef(this.ds.manager, documentId, versionNumber);
    if (!version) throw versionNotFound(documentId, versionNumber);
    return version.id;
  }
}
