import { CommentsRepository } from '../../src/comments/comments.repository';
import { CommentsService } from '../../src/comments/comments.service';
import type { AuthUser } from '../../src/auth/auth.decorators';
import { startTestApp, type TestApp, type TestUser } from '../support/app';
import { scenario } from './helpers';

/**
 * Whole-clause comments that reach the service in the same turn of the event loop are written by one statement;
 * each still gets its own answer. The service is called directly so that the requests certainly arrive together.
 */
describe('comments submitted at the same moment', () => {
  let t: TestApp;
  let service: CommentsService;
  let repo: CommentsRepository;
  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(CommentsService);
    repo = t.app.get(CommentsRepository);
  });
  afterAll(() => t?.close());

  const as = (u: TestUser): AuthUser => ({
    id: u.id,
    username: u.username,
    displayName: u.username,
    role: u.role,
    groupId: u.groupId,
  });
  const settle = (ps: Promise<unknown>[]) => Promise.allSettled(ps);

  it('answers each request on its own and writes comment, anchor and audit entry for each accepted one', async () => {
    const s = await scenario(t);
    const ok = s.key('便民利民');
    const many = jest.spyOn(repo, 'createWholeClauseMany');
    try {
      const results = await settle([
        ...Array.from({ length: 8 }, (_, i) =>
          service.create(
            as(i % 2 ? s.a1 : s.a2),
            s.doc,
            1,
            { clauseKey: ok, kind: 'remark', body: `意见${i}` },
            `burst-${i}`,
          ),
        ),
        service.create(as(s.a1), s.doc, 1, { clauseKey: 'no-such-clause', kind: 'remark', body: '错' }, 'burst-bad'),
        service.create(as(s.b1), s.doc, 1, { clauseKey: ok, kind: 'remark', body: '不在征求范围' }, 'burst-outsider'),
        service.create(as(s.a1), s.doc, 1, { clauseKey: ok, kind: 'remark', body: '意见1' }, 'burst-1'), // a retry in the same batch
      ]);
      expect(many).toHaveBeenCalledTimes(1);
      expect(many.mock.calls[0][1]).toHaveLength(11);
      expect(results.map((r) => r.status)).toEqual([
        ...Array(8).fill('fulfilled'),
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      const codes = results.slice(8, 10).map((r) => ((r as PromiseRejectedResult).reason as { code: string }).code);
      expect(codes).toEqual(['clause_not_found', 'version_not_found']);
      const made = results
        .slice(0, 8)
        .map((r) => (r as PromiseFulfilledResult<{ comment: { id: string; body: string }; created: boolean }>).value);
      expect(made.every((m) => m.created)).toBe(true);
      expect(made[3].comment.body).toBe('意见3');
      const retry = (results[10] as PromiseFulfilledResult<{ comment: { id: string }; created: boolean }>).value;
      expect(retry).toMatchObject({ created: false, comment: { id: made[1].comment.id } });
      const ids = made.map((m) => m.comment.id);
      expect(new Set(ids).size).toBe(8);
      const [{ anchors }] = await t.db.dataSource.query(
        `SELECT count(*)::int AS anchors FROM comment_anchor WHERE comment_id = ANY($1::uuid[])`,
        [ids],
      );
      const [{ audits }] = await t.db.dataSource.query(
        `SELECT count(*)::int AS audits FROM audit_log WHERE action = 'comment.create' AND entity_id = ANY($1::text[])`,
        [ids],
      );
      expect({ anchors, audits }).toEqual({ anchors: 8, audits: 8 });
    } finally {
      many.mockRestore();
    }
  });

  it('falls back to one statement per request when the batched statement fails, losing nothing', async () => {
    const s = await scenario(t);
    const failing = jest.spyOn(repo, 'createWholeClauseMany').mockRejectedValueOnce(new Error('forced failure'));
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          service.create(as(s.a1), s.doc, 1, { clauseKey: s.key('公开'), kind: 'remark', body: `再次${i}` }, `fb-${i}`),
        ),
      );
      // the batch of six failed once; then each request was written on its own
      expect(failing.mock.calls.map((c) => c[1].length)).toEqual([6, 1, 1, 1, 1, 1, 1]);
      expect(results.every((r) => r.created)).toBe(true);
      const list = await t.http().get(`/api/documents/${s.doc}/versions/1/comments`).set(s.drafter.auth).expect(200);
      expect(list.body.total).toBe(6);
    } finally {
      failing.mockRestore();
    }
  });
});
