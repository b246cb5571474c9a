/**
 * Shared by documents (cached clause trees), consultations (the access query names it) and diff (cached comparisons).
 * SQL for a document's "keys generation": the id of its latest alignment correction ('0' when none). A correction is
 * the only write that renames clause keys of existing versions (DocumentsService.correctAlignment) and it appends
 * this audit entry in the same transaction, so the value changes exactly when anything computed from keys (a clause
 * tree, a comparison) goes stale. Audit ids only grow, so an old value never comes back. One indexed lookup per
 * version (uq_versions_document_number, then ix_audit_entity), shared by every instance on the database.
 * `documentId` is an SQL expression (a parameter or a column).
 */
export const KEYS_GENERATION_SQL = (documentId: string) => `(SELECT coalesce(max(a.id), 0)::text
    FROM versions gv
    JOIN audit_log a ON a.entity = 'version' AND a.entity_id = gv.id::text AND a.action = 'alignment.correct'
   WHERE gv.document_id = ${documentId})`;
