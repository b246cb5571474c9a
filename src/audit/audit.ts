import type { EntityManager } from 'typeorm';

/** Appends one entry to the audit trail, inside the caller's transaction. */
export async function audit(
  em: EntityManager,
  actorId: string | null,
  action: string,
  entity: string,
  entityId: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await em.query(`INSERT INTO audit_log (actor_id, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5)`, [
    actorId,
    action,
    entity,
    entityId,
    JSON.stringify(detail),
  ]);
}
