import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs one use case in one transaction. Repository write methods take the manager as a required argument so that
 * nothing runs outside the transaction (on the embedded database that would also deadlock its single connection).
 */
export function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(work);
}
