import { startTestApp, type TestApp } from '../support/app';
import { clausesOf, postComment, windowNow } from './helpers';

const V1 = [
  '关于改进社区服务的若干规定',
  '',
  '第一条 为了改进社区服务，方便居民办事，制定本规定。',
  '',
  '第二条 社区服务应当便民利民，做到公开透明。',
  '',
  '第三条 街道办事处每季度向居民公开服务事项清单。',
  '',
  '第四条 社区食堂由街道统一招标运营，收费标准报区发展改革部门备案。',
  '',
  '第五条 本规定自发布之日起施行。',
  '',
].join('\n');
// A new article 2 renumbers the rest; article 1 loses a phrase; article 3 is edited before the quote; article 4 is deleted.
const V2 = [
  '关于改进社区服务的若干规定',
  '',
  '第一条 为了改进社区服务，制定本规定。',
  '',
  '第二条 区民政部门负责统筹协调社区服务工作。',
  '',
  '第三条 社区服务应当便民利民，做到公开透明。',
  '',
  '第四条 街道办事处和居民委员会每月向居民公开服务事项清单。',
  '',
  '第五条 本规定自发布之日起施行。',
  '',
].join('\n');

describe('comments: carried into each new version along the clause lineage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function setup(text = V1) {
    const drafter = await t.user('drafter');
    const d = await t.user('delegate');
    const doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '规定' }).expect(201)).body
      .id as string;
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text }).expect(201);
    await t
      .http()
      .post(`/api/documents/${doc}/consultations`)
      .set(drafter.auth)
      .send({ versionNumber: 1, ...windowNow(), audience: 'all', visibility: 'drafters' })
      .expect(201);
    const clauses = await clausesOf(t, drafter, doc, 1);
    return { drafter, d, doc, key: (s: string) => clauses.find((c) => c.text.includes(s))!.key };
  }

  it('renumbered → exact, edited → shifted, quote deleted → clause, clause deleted → orphaned and still listed', async () => {
    const { drafter, d, doc, key } = await setup();
    const post = async (s: string, quote: string) =>
      (
        await postComment(t, d, doc, 1, {
          clauseKey: key(s),
          quote: { exact: quote },
          kind: 'amend',
          body: quote,
        }).expect(201)
      ).body.id as string;
    const renumbered = await post('便民利民', '公开透明');
    const edited = await post('服务事项清单', '服务事项清单');
    const quoteGone = await post('方便居民办事', '方便居民办事');
    const deleted = await post('社区食堂', '统一招标');
    const whole = (
      await postComment(t, d, doc, 1, { clauseKey: key('施行'), kind: 'remark', body: '整条' }).expect(201)
    ).body.id;
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    const list = await t
      .http()
      .get(`/api/documents/${doc}/versions/2/comments?pageSize=200`)
      .set(drafter.auth)
      .expect(200);
    const v2 = await clausesOf(t, drafter, doc, 2);
    const at = (id: string) => list.body.items.find((i: { id: string }) => i.id === id);
    const slice = (id: string) => {
      const a = at(id).anchor;
      return v2.find((c) => c.key === a.clauseKey)!.text.slice(a.start, a.end);
    };
    expect(list.body.total).toBe(5);
    expect(at(renumbered).anchor).toMatchObject({ status: 'exact', clauseKey: key('便民利民') });
    expect(v2.find((c) => c.key === key('便民利民'))!.label).toBe('第三条');
    expect(slice(renumbered)).toBe('公开透明');
    expect(at(edited).anchor.status).toMatch(/^(shifted|fuzzy)$/);
    expect(slice(edited)).toBe('服务事项清单');
    expect(at(edited).anchor.start).toBeGreaterThan(at(edited).originalAnchor.start);
    expect(at(quoteGone).anchor).toMatchObject({ status: 'clause', clauseKey: key('方便居民办事'), start: 0, end: 0 });
    expect(at(deleted).anchor).toMatchObject({ status: 'orphaned', clauseKey: key('社区食堂') });
    expect(at(whole).anchor).toMatchObject({ status: 'exact', start: 0, end: 0 });
    // the original anchor never changes
    expect(at(deleted).originalAnchor).toMatchObject({ versionNumber: 1, quote: { exact: '统一招标' } });
    // and the next version carries the orphan along, still listed
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    const v3 = await t.http().get(`/api/documents/${doc}/versions/3/comments`).set(drafter.auth).expect(200);
    expect(v3.body.total).toBe(5);
    const counts = await t.http().get(`/api/documents/${doc}/versions/3/comments/counts`).set(drafter.auth).expect(200);
    expect(counts.body).toContainEqual({ clauseKey: key('社区食堂'), count: 1 });
  });

  it('carries a comment made on an older version into the versions already based on it', async () => {
    const { drafter, d, doc, key } = await setup();
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    const id = (
      await postComment(t, d, doc, 1, {
        clauseKey: key('便民利民'),
        quote: { exact: '便民利民' },
        kind: 'amend',
        body: 'late',
      }).expect(201)
    ).body.id;
    const [row] = await t.db.dataSource.query(
      `SELECT a.status FROM comment_anchor a JOIN versions v ON v.id = a.version_id WHERE a.comment_id = $1 AND v.number = 2`,
      [id],
    );
    expect(row).toEqual({ status: 'exact' });
    // a comment on the whole clause (no quote) takes the same way
    const whole = (
      await postComment(t, d, doc, 1, {
        clauseKey: key('便民利民'),
        kind: 'remark',
        body: 'late, whole clause',
      }).expect(201)
    ).body.id;
    const anchors = await t.db.dataSource.query(
      `SELECT v.number, a.status FROM comment_anchor a JOIN versions v ON v.id = a.version_id WHERE a.comment_id = $1 ORDER BY v.number`,
      [whole],
    );
    expect(anchors.map((a: { number: number }) => a.number)).toEqual([1, 2]);
  });

  it('carries many comments in a background job with progress, resuming where a dead worker stopped', async () => {
    const { drafter, d, doc, key } = await setup();
    const [{ vid, cid }] = await t.db.dataSource.query(
      `SELECT v.id AS vid, c.id AS cid FROM versions v JOIN consultations c ON c.version_id = v.id WHERE v.document_id = $1`,
      [doc],
    );
    const k = key('便民利民');
    const n = 2600;
    await t.db.dataSource.query(
      `WITH c AS (
         INSERT INTO comments (document_id, version_id, version_number, consultation_id, clause_key, quote, start_offset, end_offset, kind, body, author_id, request_hash)
         SELECT $1, $2, 1, $3, $4, '{"exact":"公开透明"}', 13, 17, 'remark', 'bulk ' || i, $5, 'h' FROM generate_series(1, $6) i RETURNING id)
       INSERT INTO comment_anchor (comment_id, version_id, clause_key, start_offset, end_offset, status) SELECT id, $2, $4, 13, 17, 'exact' FROM c`,
      [doc, vid, cid, k, d.id, n],
    );
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    const listed = await t.http().get(`/api/jobs?documentId=${doc}`).set(drafter.auth).expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ versionNumber: 2, total: n });
    const job = listed.body[0];
    let progress: { status: string; done: number; total: number; progress: number } | undefined;
    for (let i = 0; i < 100; i++) {
      progress = (await t.http().get(`/api/jobs/${job.id}`).set(drafter.auth).expect(200)).body;
      if (progress!.status === 'done' || progress!.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(progress).toMatchObject({ status: 'done', done: n, total: n, progress: 1 });
    const counts = await t.http().get(`/api/documents/${doc}/versions/2/comments/counts`).set(drafter.auth).expect(200);
    expect(counts.body).toEqual([{ clauseKey: k, count: n }]);

    // A worker that died mid-way: its lease ran out; another claims the job and finishes from the cursor.
    await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    const [job3] = await t.db.dataSource.query(
      `SELECT id FROM jobs WHERE payload->>'documentId' = $1 AND payload->>'number' = '3'`,
      [doc],
    );
    for (let i = 0; i < 100; i++) {
      const [j] = await t.db.dataSource.query(`SELECT status FROM jobs WHERE id = $1`, [job3.id]);
      if (j.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [v3] = await t.db.dataSource.query(`SELECT id FROM versions WHERE document_id = $1 AND number = 3`, [doc]);
    const [half] = await t.db.dataSource.query(
      `SELECT comment_id AS id FROM comment_anchor WHERE version_id = $1 ORDER BY comment_id OFFSET 1000 LIMIT 1`,
      [v3.id],
    );
    await t.db.dataSource.query(`DELETE FROM comment_anchor WHERE version_id = $1 AND comment_id > $2`, [
      v3.id,
      half.id,
    ]);
    await t.db.dataSource.query(
      `UPDATE jobs SET status = 'running', locked_by = 'dead-worker', locked_until = now() - interval '1 second', cursor = $2, done = 1001 WHERE id = $1`,
      [job3.id, half.id],
    );
    for (let i = 0; i < 100; i++) {
      const [j] = await t.db.dataSource.query(`SELECT status, done, attempts FROM jobs WHERE id = $1`, [job3.id]);
      if (j.status === 'done') {
        expect(j).toMatchObject({ done: n, attempts: 2 });
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const [{ c }] = await t.db.dataSource.query(`SELECT count(*)::int AS c FROM comment_anchor WHERE version_id = $1`, [
      v3.id,
    ]);
    expect(c).toBe(n);
  });
});
