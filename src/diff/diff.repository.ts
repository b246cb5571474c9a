import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Named queries of the diff area. */
@Injectable()
export class DiffRepository {
  /**
   * The document's "keys generation": the id of the latest alignment correction (0 when none). A correction is the
   * only write that renames clause keys of existing versions (DocumentsService.correctAlignment) and it appends
   * this audit entry in the same transaction, so the value changes exactly when cached comparisons go stale. Audit
   * ids only grow, so an old value never comes back. One indexed lookup (uq_versions_document_number, then
   * ix_audit_entity per version), shared by every instance on the database.
   */
  async keysGeneration(em: EntityManager, documentId: string): Promise<string> {
    const [row] = await em.query<{ generation: string }[]>(
      `SELECT coalesce(max(a.id), 0)::text AS generation
         FROM versions v
         JOIN audit_log a ON a.entity = 'version' AND a.entity_id = v.id::text AND a.action = 'alignment.correct'
        WHERE v.document_id = $1`,
      [documentId],
    );
    return row.generation;
  }
}
