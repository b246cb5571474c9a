import type { DataSource, EntityManager } from 'typeorm';

/** Work to run once a transaction has committed, by the manager of that transaction. */
const afterCommitHooks = new WeakMap<EntityManager, (() => void)[]>();

/**
 * Runs one use case in one transaction. Repository write methods take the manager as a required argument so that
 * nothing runs outside the transaction (on the embedded database that would also deadlock its single connection).
 * What `afterCommit` registered runs once the transaction has committed, never when it rolls back.
 */
export async function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const hooks: (() => void)[] = [];
  const result = await ds.transaction(async (em) => {
    afterCommitHooks.set(em, hooks);
    try {
      return await work(em);
    } finally {
      afterCommitHooks.delete(em);
    }
  });
  for (const hook of hooks) hook();
  return result;
}

/**
 * Runs `fn` when the transaction of `em` has committed (at once when `em` is not inTransaction's): for what other
 * parts of this process must learn only once the change is visible to them, such as a revoked session.
 */
export function afterCommit(em: EntityManager, fn: () => void): void {
  const hooks = afterCommitHooks.get(em);
  if (hooks) hooks.push(fn);
  else fn();
}
