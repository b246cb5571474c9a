import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { isUuid } from '../common/uuid';
import { documentNotFound, versionNotFound } from '../documents/documents.errors';
import { ConsultationsErrorCode } from './consultations.errors';
import { ConsultationsRepository } from './consultations.repository';
import type { ConsultationRef } from './release-rules';

export { AUDIENCE_SQL, CONSULTATION_FOR_COMMENT_SQL, type ConsultationRef, RELEASED_SQL } from './release-rules';

/**
 * Who may see which version: the drafting group (admin, drafter) sees every version; a delegate sees a version
 * only once a consultation addressed to them has released it (opens_at passed). Other areas use `assertCanRead`.
 */
@Injectable()
export class VersionAccess {
  /**
   * Delegates' positive answers of readableVersions, by document, group and version numbers, for ACCESS_CACHE_TTL_MS.
   * Only positive ones: time alone never takes a released version away (a consultation that has opened stays opened),
   * so an answer can only go stale through a write — a consultation changed (its live event reaches every instance,
   * this one included, moments after the commit; no route narrows an audience or moves an opening today) or an
   * alignment correction (its keys generation; forgotten at once on the instance that made it, on others within the
   * TTL). Used only while `invalidation` can tell about those writes.
   * The drafting group's reads always ask the database.
   */
  private readonly released = new LRUCache<string, Readable>({ max: 100_000, ttl: ACCESS_CACHE_TTL_MS });
  /** Bumped by every change of a document's consultations or keys: a key made before a change is never read again. */
  private readonly epochs = new Map<string, number>();
  private invalidation: AccessInvalidation | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ConsultationsRepository,
  ) {}

  /** Turns the delegates' access cache on: `source` tells while no change can have been missed. */
  attachInvalidation(source: AccessInvalidation): void {
    this.invalidation = source;
  }

  /** A document's consultations or clause keys changed: nothing cached about reading it may be used again. */
  forgetDocument(documentId: string): void {
    this.epochs.set(documentId, (this.epochs.get(documentId) ?? 0) + 1);
  }

  /**
   * The delegate's cached answer of readableVersions, or undefined: what a read that never waits (the fast path of
   * version reads) may use. Never asks the database.
   */
  peekReadable(user: AuthUser, documentId: string, numbers: number[]): Readable | undefined {
    const key = this.cacheKey(user, documentId, numbers);
    return key ? this.released.get(key) : undefined;
  }

  /** The cache key of a delegate's answer, or null when the cache may not be used (not a delegate, not trusted). */
  private cacheKey(user: AuthUser, documentId: string, numbers: number[]): string | null {
    if (user.role !== 'delegate' || !user.groupId) return null;
    if (!this.invalidation?.trusted()) {
      if (this.released.size) this.released.clear(); // changes may be missed until it is back: start afresh then
      return null;
    }
    return `${documentId}:${this.epochs.get(documentId) ?? 0}:${user.groupId}:${numbers.join(',')}`;
  }

  /**
   * Throws unless the user may read the version, answering exactly as for a document or version that does not exist
   * (404): for a delegate what is not released does not exist. Call it before looking the version up, so that a
   * missing version of a document hidden from the delegate does not tell them the document exists.
   */
  async assertCanRead(user: AuthUser, documentId: string, versionNumber: number): Promise<void> {
    if (user.role !== 'delegate') return;
    if (!isUuid(documentId) || !user.groupId) throw documentNotFound(documentId);
    const seen = await this.repo.releasedTo(this.ds.manager, documentId, versionNumber, user.groupId);
    if (!seen.document) throw documentNotFound(documentId);
    if (!seen.version) throw versionNotFound(documentId, versionNumber);
  }

  /**
   * The ids of versions the user may read and the document's keys generation, in one query: what a read of cached
   * bytes (a clause tree, a diff) needs to name them, checked on every request. Answers as assertCanRead then a
   * version lookup would: 404 for a document or version that is missing or hidden from a delegate.
   */
  async readableVersions(user: AuthUser, documentId: string, numbers: number[]): Promise<Readable> {
    const delegate = user.role === 'delegate';
    if (!isUuid(documentId) || (delegate && !user.groupId)) throw documentNotFound(documentId);
    // the key is taken before the query: a change committed meanwhile bumps the epoch, so this answer is never read
    const key = this.cacheKey(user, documentId, numbers);
    const hit = key ? this.released.get(key) : undefined;
    if (hit) return hit;
    const row = await this.repo.readableVersions(this.ds.manager, documentId, numbers, delegate, user.groupId);
    if (!row || !row.visible) throw documentNotFound(documentId);
    const found = new Map<number, { id: string; released: boolean }>((row.versions ?? []).map((v) => [v.number, v]));
    const readable = {
      ids: numbers.map((n) => {
        const v = found.get(n);
        if (!v || !v.released) throw versionNotFound(documentId, n);
        return v.id;
      }),
      generation: row.generation,
    };
    if (key) this.released.set(key, readable);
    return readable;
  }
}

/** How long a delegate's positive access answer is kept at most (see VersionAccess.released). */
export const ACCESS_CACHE_TTL_MS = 5_000;

/** The versions a user may read (ids in the order asked) and the document's keys generation. */
export interface Readable {
  ids: string[];
  generation: string;
}

/** Where the access cache learns of changes: it is used only while `trusted()` (no change can have been missed). */
export interface AccessInvalidation {
  trusted(): boolean;
}

/**
 * The consultation picked by CONSULTATION_FOR_COMMENT_SQL if it is open; 403 saying the window when it is not. With
 * none addressed to them, a delegate is told the version does not exist (as for a missing one: nothing leaks), and the
 * drafting group that delegates comment, not they.
 */
export function requireOpen(
  c: ConsultationRef | undefined | null,
  user: AuthUser,
  documentId: string,
  versionNumber: number,
): ConsultationRef {
  if (c?.open) return c;
  if (c) throw windowClosed(c);
  if (user.role === 'delegate') throw versionNotFound(documentId, versionNumber);
  throw new DomainError(
    ErrorCode.Forbidden,
    'Delegates comment in a consultation; the drafting group replies to and decides on comments.',
  );
}

export function windowClosed(c: { title: string; opensAt: Date; closesAt: Date }): DomainError {
  const from = new Date(c.opensAt).toISOString();
  const to = new Date(c.closesAt).toISOString();
  return new DomainError(
    ConsultationsErrorCode.ConsultationClosed,
    `The consultation "${c.title}" accepts comments from ${from} until ${to} (exclusive); it is not open now.`,
    { opensAt: from, closesAt: to },
  );
}
