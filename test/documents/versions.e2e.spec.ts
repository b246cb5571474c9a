import { DEMO_VERSIONS } from '../../src/demo/demo-texts';
import { Document, Packer, Paragraph } from 'docx';
import { startTestApp, type TestApp, type TestUser } from '../support/app';
import { type Flat, flat } from '../support/clauses';

const V1 = [
  '关于改进社区服务的若干规定',
  '',
  '第一条 为了改进社区服务，制定本规定。',
  '',
  '第二条 社区服务应当便民利民。',
  '',
  '第三条 本规定自发布之日起施行。',
  '',
].join('\n');
// Renumbered: a new article 2 pushes the old 2 and 3 down; their wording is unchanged.
const V2 = [
  '关于改进社区服务的若干规定',
  '',
  '第一条 为了改进社区服务，制定本规定。',
  '',
  '第二条 街道办事处负责组织实施本规定。',
  '',
  '第三条 社区服务应当便民利民。',
  '',
  '第四条 本规定自发布之日起施行。',
  '',
].join('\n');

describe('documents and versions (HTTP, real database)', () => {
  let t: TestApp;
  let drafter: TestUser;
  let delegate: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
    delegate = await t.user('delegate');
  });
  afterAll(() => t?.close());

  async function newDocument(title = '测试文件'): Promise<string> {
    const res = await t.http().post('/api/documents').set(drafter.auth).send({ title }).expect(201);
    return res.body.id;
  }

  it('creates a document and lists it', async () => {
    const id = await newDocument('社区服务规定');
    const list = await t.http().get('/api/documents').set(drafter.auth).expect(200);
    expect(list.body.map((d: { id: string }) => d.id)).toContain(id);
    const one = await t.http().get(`/api/documents/${id}`).set(drafter.auth).expect(200);
    expect(one.body).toMatchObject({ id, title: '社区服务规定', versionCount: 0, latestVersion: null });
  });

  it('adds numbered versions whose text round-trips and whose clauses form a tree', async () => {
    const id = await newDocument();
    const v1 = await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: V1, format: 'text', label: '第一稿', note: '初稿' })
      .expect(201);
    expect(v1.body).toMatchObject({ number: 1, label: '第一稿', stage: 'drafting', basedOn: null, note: '初稿' });
    expect(v1.body.clauseCount).toBeGreaterThanOrEqual(4);
    const text = await t.http().get(`/api/documents/${id}/versions/1?format=text`).set(drafter.auth).expect(200);
    expect(text.text).toBe(V1);
    const full = await t.http().get(`/api/documents/${id}/versions/1`).set(drafter.auth).expect(200);
    const labels = JSON.stringify(full.body.clauses);
    expect(labels).toContain('"label":"第二条"');
    expect(full.body.clauses[0]).toHaveProperty('children');
    const v2 = await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    expect(v2.body).toMatchObject({ number: 2, basedOn: 1, label: '第2稿' });
    const list = await t.http().get(`/api/documents/${id}/versions`).set(drafter.auth).expect(200);
    expect(list.body.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    expect(list.body[0].author.username).toBe(drafter.username);
  });

  it('answers a new version with the very counts the comparison with its base gives (one source of truth)', async () => {
    const id = await newDocument('同一组数字');
    for (const [i, v] of DEMO_VERSIONS.entries()) {
      const added = await t
        .http()
        .post(`/api/documents/${id}/versions`)
        .set(drafter.auth)
        .send({ text: v.text })
        .expect(201);
      if (i === 0) continue;
      const diff = await t
        .http()
        .get(`/api/documents/${id}/diff?from=${i}&to=${i + 1}`)
        .set(drafter.auth)
        .expect(200);
      expect({ version: i + 1, counts: added.body.changes }).toEqual({ version: i + 1, counts: diff.body.summary });
    }
  });

  it('keeps the key of a renumbered clause and gives a new clause a new key', async () => {
    const id = await newDocument();
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
    const v2 = await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    expect(v2.body.changes).toMatchObject({ renumbered: 2, added: 1, deleted: 0 });
    const a = flat((await t.http().get(`/api/documents/${id}/versions/1`).set(drafter.auth)).body.clauses);
    const b = flat((await t.http().get(`/api/documents/${id}/versions/2`).set(drafter.auth)).body.clauses);
    const byText = (cs: Flat[], s: string) => cs.find((c) => c.text.includes(s))!;
    expect(byText(b, '便民利民').key).toBe(byText(a, '便民利民').key);
    expect(byText(b, '便民利民').label).toBe('第三条');
    expect(byText(b, '施行').key).toBe(byText(a, '施行').key);
    expect(a.map((c) => c.key)).not.toContain(byText(b, '街道办事处').key);
  });

  it('lets a drafter correct an alignment, and the correction holds in later versions', async () => {
    const id = await newDocument();
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V2 }).expect(201);
    const a = flat((await t.http().get(`/api/documents/${id}/versions/1`).set(drafter.auth)).body.clauses);
    const b = flat((await t.http().get(`/api/documents/${id}/versions/2`).set(drafter.auth)).body.clauses);
    const newArticle = b.find((c) => c.text.includes('街道办事处'))!;
    const oldFirst = a.find((c) => c.text.includes('为了改进'))!;
    // The drafter says: the new article 2 continues the old article 1 (and the new article 1 is therefore new).
    const res = await t
      .http()
      .put(`/api/documents/${id}/versions/2/alignment`)
      .set(drafter.auth)
      .send({ clauseKey: newArticle.key, previousKey: oldFirst.key })
      .expect(200);
    expect(res.body.edges).toContainEqual(
      expect.objectContaining({ fromKey: oldFirst.key, toKey: oldFirst.key, source: 'drafter' }),
    );
    for (const n of [2, 3]) {
      const cs = flat((await t.http().get(`/api/documents/${id}/versions/${n}`).set(drafter.auth)).body.clauses);
      expect(cs.find((c) => c.text.includes('街道办事处'))!.key).toBe(oldFirst.key);
      expect(cs.find((c) => c.text.includes('为了改进'))!.key).not.toBe(oldFirst.key);
    }
    await t
      .http()
      .put(`/api/documents/${id}/versions/2/alignment`)
      .set(drafter.auth)
      .send({ clauseKey: newArticle.key, previousKey: 'no-such-key' })
      .expect(422);
  });

  it('accepts .txt, .md and .docx uploads', async () => {
    const id = await newDocument();
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .attach('file', Buffer.from(V1, 'utf8'), 'draft.txt')
      .field('label', '上传稿')
      .expect(201);
    const md = '# 总则\n\n第一条 目的。\n\n## 分则\n\n第二条 范围。\n';
    const r2 = await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .attach('file', Buffer.from(md), 'draft.md')
      .expect(201);
    expect(r2.body.sourceFormat).toBe('markdown');
    const doc = new Document({
      sections: [
        {
          children: ['第一条 为了改进社区服务，制定本规定。', '第二条 社区服务应当便民利民。'].map(
            (t) => new Paragraph(t),
          ),
        },
      ],
    });
    const buf = await Packer.toBuffer(doc);
    const r3 = await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .attach('file', buf, 'draft.docx')
      .expect(201);
    expect(r3.body).toMatchObject({ number: 3, sourceFormat: 'docx', sourceName: 'draft.docx' });
    const text = await t.http().get(`/api/documents/${id}/versions/3?format=text`).set(drafter.auth);
    expect(text.text).toContain('第二条 社区服务应当便民利民。');
  });

  it('refuses bad input with a clear 4xx JSON error and writes nothing', async () => {
    const id = await newDocument();
    const post = () => t.http().post(`/api/documents/${id}/versions`).set(drafter.auth);
    expect((await post().send({ text: '  \n ' }).expect(400)).body.error).toBe('empty_text');
    expect((await post().send({ text: 'x', format: 'pdf' }).expect(400)).body.error).toBe('unknown_format');
    expect((await post().send({ text: 'x', stage: 'secret' }).expect(400)).body.error).toBe('validation_failed');
    expect((await post().send({ text: 'x', extra: 1 }).expect(400)).body.message).toMatch(/extra/);
    const tooBig = '第一条 ' + '字'.repeat(800_000); // 2.4 MB of UTF-8 over the 2 MiB default
    const big = await post().send({ text: tooBig }).expect(413);
    expect(big.body).toMatchObject({ error: 'text_too_large', limit: 2 * 1024 * 1024 });
    expect(
      (
        await post()
          .attach('file', Buffer.from([0x50, 0x00, 0x01, 0xff]), 'a.txt')
          .expect(415)
      ).body.error,
    ).toBe('binary_upload');
    const gbk = Buffer.from([0xb5, 0xda, 0xd2, 0xbb, 0xcc, 0xf5]); // 第一条 in GBK
    expect((await post().attach('file', gbk, 'gbk.txt').expect(400)).body.error).toBe('not_utf8');
    expect((await post().attach('file', Buffer.from('x'), 'a.pdf').expect(400)).body.error).toBe('unknown_format');
    expect((await post().attach('file', Buffer.from('not a zip'), 'a.docx').expect(415)).body.error).toBe(
      'binary_upload',
    );
    expect(
      (
        await t
          .http()
          .post('/api/documents/6c0a3c9e-0000-4000-8000-000000000000/versions')
          .set(drafter.auth)
          .send({ text: 'x' })
          .expect(404)
      ).body.error,
    ).toBe('document_not_found');
    expect((await t.http().get(`/api/documents/${id}/versions/7`).set(drafter.auth).expect(404)).body.error).toBe(
      'version_not_found',
    );
    expect((await t.http().get('/api/documents/not-a-uuid').set(drafter.auth).expect(404)).body.error).toBe(
      'document_not_found',
    );
    const doc = await t.http().get(`/api/documents/${id}`).set(drafter.auth).expect(200);
    expect(doc.body.versionCount).toBe(0);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM versions WHERE document_id = $1`, [id]);
    expect(n).toBe(0);
  });

  it('gives concurrent writers distinct consecutive numbers and loses none', async () => {
    const id = await newDocument();
    const other = await t.user('drafter');
    const posts = Array.from({ length: 6 }, (_, i) =>
      t
        .http()
        .post(`/api/documents/${id}/versions`)
        .set((i % 2 ? other : drafter).auth)
        .send({ text: `${V1}\n第九条 第${i}次修改。\n` }),
    );
    const results = await Promise.all(posts);
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(results.map((r) => r.body.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const list = await t.http().get(`/api/documents/${id}/versions`).set(drafter.auth);
    expect(list.body).toHaveLength(6);
  });

  it('keeps versions and clause text immutable in the database itself', async () => {
    const id = await newDocument();
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
    await expect(t.db.dataSource.query(`UPDATE versions SET label = 'x' WHERE document_id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await expect(t.db.dataSource.query(`UPDATE clauses SET text = 'x' WHERE document_id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await expect(t.db.dataSource.query(`DELETE FROM clauses WHERE document_id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
  });

  it('shows a delegate only documents and versions released to them in a consultation', async () => {
    const id = await newDocument('内部稿与讨论稿');
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: V1, label: '第一稿' })
      .expect(201);
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: V2, label: '讨论稿' })
      .expect(201);
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: V2 + '\n第五条 内部修改。\n', label: '第十七稿' })
      .expect(201);
    const ids = async (u: TestUser) =>
      (await t.http().get('/api/documents').set(u.auth).expect(200)).body.map((d: { id: string }) => d.id);
    expect(await ids(delegate)).not.toContain(id);
    await t.http().get(`/api/documents/${id}`).set(delegate.auth).expect(404);
    await t.http().get(`/api/documents/${id}/versions/2`).set(delegate.auth).expect(404);
    await t.http().get(`/api/documents/${id}/diff?from=1&to=2`).set(delegate.auth).expect(404);

    const now = Date.now();
    await t
      .http()
      .post(`/api/documents/${id}/consultations`)
      .set(drafter.auth)
      .send({
        versionNumber: 2,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 3_600_000).toISOString(),
        audience: [delegate.groupId],
        visibility: 'drafters',
      })
      .expect(201);
    expect(await ids(delegate)).toContain(id);
    const doc = await t.http().get(`/api/documents/${id}`).set(delegate.auth).expect(200);
    expect(doc.body.latestVersion).toMatchObject({ number: 2, label: '讨论稿' }); // not the internal 第十七稿
    const versions = await t.http().get(`/api/documents/${id}/versions`).set(delegate.auth).expect(200);
    expect(versions.body.map((v: { label: string }) => v.label)).toEqual(['讨论稿']);
    await t.http().get(`/api/documents/${id}/versions/2`).set(delegate.auth).expect(200);
    await t.http().get(`/api/documents/${id}/versions/2?format=text`).set(delegate.auth).expect(200);
    await t.http().get(`/api/documents/${id}/versions/1`).set(delegate.auth).expect(404);
    await t.http().get(`/api/documents/${id}/versions/3`).set(delegate.auth).expect(404);
    await t.http().get(`/api/documents/${id}/versions/9`).set(delegate.auth).expect(404);
    await t.http().get(`/api/documents/${id}/diff?from=2&to=2`).set(delegate.auth).expect(200);
    await t.http().get(`/api/documents/${id}/diff?from=1&to=2`).set(delegate.auth).expect(404);

    const outsider = await t.user('delegate');
    expect(await ids(outsider)).not.toContain(id);
    await t.http().get(`/api/documents/${id}/versions/2`).set(outsider.auth).expect(404);
  });

  it('checks roles on the server', async () => {
    await t.http().get('/api/documents').expect(401);
    await t.http().post('/api/documents').set(delegate.auth).send({ title: 'x' }).expect(403);
    const id = await newDocument();
    const r = await t.http().post(`/api/documents/${id}/versions`).set(delegate.auth).send({ text: V1 }).expect(403);
    expect(r.body.error).toBe('forbidden');
  });
});
