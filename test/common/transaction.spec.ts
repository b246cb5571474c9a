import { afterCommit, inTransaction } from '../../src/common/transaction';
import { openTestDatabase } from '../support/database';

/** afterCommit: work that must wait until a change is visible to other connections runs after the commit, or never. */
describe('inTransaction and afterCommit', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db?.close());

  it('runs the hooks after the commit, in order, and not at all after a rollback', async () => {
    const seen: string[] = [];
    const value = await inTransaction(db.dataSource, async (em) => {
      afterCommit(em, () => seen.push('first'));
      afterCommit(em, () => seen.push('second'));
      await em.query('SELECT 1');
      seen.push('work done');
      return 42;
    });
    expect(value).toBe(42);
    expect(seen).toEqual(['work done', 'first', 'second']);

    const rolledBack: string[] = [];
    await expect(
      inTransaction(db.dataSource, (em) => {
        afterCommit(em, () => rolledBack.push('never'));
        return Promise.reject(new Error('refused'));
      }),
    ).rejects.toThrow('refused');
    expect(rolledBack).toEqual([]);
  });

  it('runs at once for a manager that is not a transaction of inTransaction', () => {
    let ran = false;
    afterCommit(db.dataSource.manager, () => (ran = true));
    expect(ran).toBe(true);
  });
});
