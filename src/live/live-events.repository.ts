import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConsultationAudience, LiveEventRow } from './live-visibility';

const EVENT_COLUMNS = `id::text AS id, document_id AS "documentId", kind, payload, audience, consultation_id AS "consultationId",
  author_id AS "authorId"`;

/** Named queries of the live area. */
@Injectable()
export class LiveEventsRepository {
  /** The newest event id ('0' when none). */
  async latestId(em: EntityManager): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(`SELECT coalesce(max(id), 0)::text AS id FROM live_events`);
    return row.id;
  }

  /** Events after `afterId`, oldest first (by the number: the id is sent as text), at most `limit`. */
  after(em: EntityManager, afterId: string, limit: number): Promise<LiveEventRow[]> {
    return em.query<LiveEventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM live_events WHERE id > $1::bigint ORDER BY live_events.id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** The events of these ids that are there now (ids a reader found missing, committed since), oldest first. */
  byIds(em: EntityManager, ids: string[]): Promise<LiveEventRow[]> {
    return em.query<LiveEventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM live_events WHERE id = ANY($1::bigint[]) ORDER BY live_events.id`,
      [ids],
    );
  }

  /** One document's events after `afterId` (a reconnecting client's replay), and the oldest id still kept. */
  async forDocumentAfter(
    em: EntityManager,
    documentId: string,
    afterId: string,
    limit: number,
  ): Promise<{ events: LiveEventRow[]; oldest: string }> {
    const [events, [{ oldest }]] = await Promise.all([
      em.query<LiveEventRow[]>(
        `SELECT ${EVENT_COLUMNS} FROM live_events WHERE document_id = $1 AND id > $2::bigint ORDER BY live_events.id LIMIT $3`,
        [documentId, afterId, limit],
      ),
      em.query<{ oldest: string }[]>(`SELECT coalesce(min(id), 0)::text AS oldest FROM live_events`),
    ]);
    return { events, oldest };
  }

  consultations(em: EntityManager, ids: string[]): Promise<ConsultationAudience[]> {
    if (!ids.length) return Promise.resolve([]);
    return em.query(
      `SELECT id, visibility, audience_all AS "audienceAll", audience_groups::text[] AS "audienceGroups" FROM consultations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Forgets events older than the replay window. */
  async purge(em: EntityManager, olderThanSeconds: number): Promise<void> {
    await em.query(`DELETE FROM live_events WHERE created_at < now() - make_interval(secs => $1)`, [olderThanSeconds]);
  }
}
