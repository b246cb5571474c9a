import { postComment, scenario, V1 } from '../comments/helpers';
import { startTestApp, type TestApp } from '../support/app';

/**
 * A delegate sees only what a consultation released to them — counts and "latest" pointers included — and
 * anything they may not see answers exactly like something that does not exist: same status, same error code,
 * same message as for an id or number that was never there.
 */
describe('what a delegate may not see does not exist for them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const MISSING_DOC = '6c0a3c9e-0000-4000-8000-000000000001';
  const MISSING_ID = '6c0a3c9e-0000-4000-8000-000000000002';
  /** The answer with the id (or number) that differs replaced, so two answers can be compared whole. */
  const shape = (res: { status: number; body: Record<string, unknown> }, ...ids: string[]) => {
    let message = String(res.body.message);
    for (const id of ids) message = message.replace(new RegExp(`(?<![\\w-])${id}(?![\\w-])`, 'g'), '<id>');
    return { status: res.status, error: res.body.error, message };
  };

  it('reports only released versions in counts and latest pointers (document, my comments)', async () => {
    const s = await scenario(t);
    await postComment(t, s.a1, s.doc, 1, { clauseKey: s.key('便民利民'), kind: 'remark', body: '建议写明时限' }).expect(
      201,
    );
    await t
      .http()
      .post(`/api/documents/${s.doc}/versions`)
      .set(s.drafter.auth)
      .send({ text: `${V1}\n第五条 内部稿新增。\n`, label: '内部第二稿' })
      .expect(201);

    const doc = await t.http().get(`/api/documents/${s.doc}`).set(s.a1.auth).expect(200);
    expect(doc.body.versionCount).toBe(1);
    expect(doc.body.latestVersion).toMatchObject({ number: 1 });
    const listed = (await t.http().get('/api/documents').set(s.a1.auth).expect(200)).body.find(
      (d: { id: string }) => d.id === s.doc,
    );
    expect(listed.versionCount).toBe(1);
    const drafterView = await t.http().get(`/api/documents/${s.doc}`).set(s.drafter.auth).expect(200);
    expect(drafterView.body.versionCount).toBe(2);

    const mine = await t.http().get('/api/me/comments').set(s.a1.auth).expect(200);
    const latest =
      mine.body.find(
        (c: { documentId?: string; document?: { id: string } }) => (c.documentId ?? c.document?.id) === s.doc,
      )?.latest ?? mine.body[0].latest;
    expect(latest.versionNumber).toBe(1);
    expect(JSON.stringify(mine.body)).not.toContain('内部第二稿');
  });

  it('answers an unreleased version, document, consultation or comment exactly like a missing one', async () => {
    const s = await scenario(t);
    const comment = (
      await postComment(t, s.a1, s.doc, 1, {
        clauseKey: s.key('便民利民'),
        kind: 'remark',
        body: '只给起草组看',
      }).expect(201)
    ).body.id;
    await t
      .http()
      .post(`/api/documents/${s.doc}/versions`)
      .set(s.drafter.auth)
      .send({ text: `${V1}\n第五条 内部稿新增。\n` })
      .expect(201);
    const get = (path: string, who = s.a1) => t.http().get(path).set(who.auth);

    // version 2 exists but is internal; version 9 does not exist
    for (const suffix of ['', '?format=text', '/comments', '/comments/counts']) {
      const hidden = await get(`/api/documents/${s.doc}/versions/2${suffix}`);
      const missing = await get(`/api/documents/${s.doc}/versions/9${suffix}`);
      expect(shape(hidden, '2')).toEqual(shape(missing, '9'));
      expect(hidden.status).toBe(404);
    }
    const diffHidden = await get(`/api/documents/${s.doc}/diff?from=1&to=2`);
    const diffMissing = await get(`/api/documents/${s.doc}/diff?from=1&to=9`);
    expect(shape(diffHidden, '2')).toEqual(shape(diffMissing, '9'));
    expect(diffHidden.status).toBe(404);

    // a comment on an unreleased version is refused as on a missing one
    const onHidden = await postComment(t, s.a1, s.doc, 2, {
      clauseKey: s.key('便民利民'),
      kind: 'remark',
      body: '内部稿',
    });
    const onMissing = await postComment(t, s.a1, s.doc, 9, {
      clauseKey: s.key('便民利民'),
      kind: 'remark',
      body: '内部稿',
    });
    expect(shape(onHidden, '2')).toEqual(shape(onMissing, '9'));
    expect(onHidden.status).toBe(404);

    // group B has nothing released: the document, its versions, its consultation and group A's comment do not exist for b1
    for (const [hiddenPath, missingPath, ids] of [
      [`/api/documents/${s.doc}`, `/api/documents/${MISSING_DOC}`, [s.doc, MISSING_DOC]],
      [`/api/documents/${s.doc}/versions`, `/api/documents/${MISSING_DOC}/versions`, [s.doc, MISSING_DOC]],
      [`/api/documents/${s.doc}/versions/1`, `/api/documents/${MISSING_DOC}/versions/1`, [s.doc, MISSING_DOC]],
      [`/api/consultations/${s.consultation.id}`, `/api/consultations/${MISSING_ID}`, [s.consultation.id, MISSING_ID]],
      [`/api/comments/${comment}`, `/api/comments/${MISSING_ID}`, [comment, MISSING_ID]],
    ] as const) {
      const hidden = await get(hiddenPath, s.b1);
      const missing = await get(missingPath, s.b1);
      expect({ path: hiddenPath, ...shape(hidden, ...ids) }).toEqual({ path: hiddenPath, ...shape(missing, ...ids) });
      expect(hidden.status).toBe(404);
    }
    for (const [method, path, body] of [
      ['patch', `/api/comments/${comment}`, { body: '改' }],
      ['post', `/api/comments/${comment}/withdraw`, undefined],
      ['post', `/api/comments/${comment}/replies`, { body: '回' }],
    ] as const) {
      const req = t.http()[method](path).set(s.b1.auth);
      const res = await (body ? req.send(body) : req);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
