import { postComment, scenario, V1 } from './helpers';
import { startTestApp, type TestApp } from '../support/app';

/**
 * A decision stays attached to the words it was about: once the drafting group has decided on a comment its author
 * can no longer edit or withdraw it (a reply is still possible); reopening the decision makes it editable again and
 * the comment's history shows both. "Implemented in version" is only for what was adopted, and only a later version.
 */
describe('decided comments are frozen; implemented-in is honest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('refuses edit and withdrawal of a decided comment with 409 comment_decided, allows a reply, and thaws on reopen', async () => {
    const s = await scenario(t);
    const c = (
      await postComment(t, s.a1, s.doc, 1, {
        clauseKey: s.key('便民利民'),
        kind: 'amend',
        body: '建议增加时限',
      }).expect(201)
    ).body.id;
    await t
      .http()
      .put(`/api/comments/${c}/decision`)
      .set(s.drafter.auth)
      .send({ outcome: 'adopted', reason: '已修改' })
      .expect(200);

    const edit = await t
      .http()
      .patch(`/api/comments/${c}`)
      .set(s.a1.auth)
      .send({ body: '（决定后修改）另一层意思' })
      .expect(409);
    expect(edit.body.error).toBe('comment_decided');
    expect(edit.body.message).toMatch(/reply/);
    const withdraw = await t.http().post(`/api/comments/${c}/withdraw`).set(s.a1.auth).expect(409);
    expect(withdraw.body.error).toBe('comment_decided');
    await t.http().post(`/api/comments/${c}/replies`).set(s.a1.auth).send({ body: '谢谢，另补充一点' }).expect(201);
    const kept = await t.http().get(`/api/comments/${c}`).set(s.drafter.auth).expect(200);
    expect(kept.body.body).toBe('建议增加时限');
    expect(kept.body.decision.outcome).toBe('adopted');

    // only the drafting group reopens, and only a decided comment
    await t.http().post(`/api/comments/${c}/decision/reopen`).set(s.a1.auth).send({ reason: '我想改' }).expect(403);
    await t.http().post(`/api/comments/${c}/decision/reopen`).set(s.drafter.auth).send({}).expect(400);
    await t
      .http()
      .post(`/api/comments/${c}/decision/reopen`)
      .set(s.drafter.auth)
      .send({ reason: '代表要求补充' })
      .expect(200);
    const again = await t
      .http()
      .post(`/api/comments/${c}/decision/reopen`)
      .set(s.drafter.auth)
      .send({ reason: '再次' })
      .expect(409);
    expect(again.body.error).toBe('comment_not_decided');

    const reopened = await t.http().get(`/api/comments/${c}`).set(s.a1.auth).expect(200);
    expect(reopened.body.decision).toBeNull();
    expect(reopened.body.decisions.map((d: { outcome: string }) => d.outcome)).toEqual(['adopted', 'reopened']);
    await t.http().patch(`/api/comments/${c}`).set(s.a1.auth).send({ body: '建议增加办理时限' }).expect(200);
    const list = await t.http().get(`/api/documents/${s.doc}/versions/1/comments`).set(s.drafter.auth).expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === c).decision).toBeNull();
  });

  it('sets implemented-in only for adopted or partly adopted comments, and only to a later version', async () => {
    const s = await scenario(t);
    const c = (
      await postComment(t, s.a1, s.doc, 1, { clauseKey: s.key('便民利民'), kind: 'amend', body: '建议' }).expect(201)
    ).body.id;
    const decide = (body: object) => t.http().put(`/api/comments/${c}/decision`).set(s.drafter.auth).send(body);

    // version 1 is the one commented on: not "after" it
    const same = await decide({ outcome: 'adopted', reason: '采纳', implementedInVersion: 1 }).expect(400);
    expect(same.body.message).toMatch(/implementedInVersion/);
    await t
      .http()
      .post(`/api/documents/${s.doc}/versions`)
      .set(s.drafter.auth)
      .send({ text: V1.replace('每季度', '每月') })
      .expect(201);
    const notAdopted = await decide({ outcome: 'not_adopted', reason: '不宜', implementedInVersion: 2 }).expect(400);
    expect(notAdopted.body.message).toMatch(/implementedInVersion/);
    await decide({ outcome: 'adopted', reason: '采纳', implementedInVersion: 9 }).expect(404);
    const ok = await decide({ outcome: 'partly_adopted', reason: '部分采纳', implementedInVersion: 2 }).expect(200);
    expect(ok.body.implementedInVersion).toBe(2);
    const plain = await decide({ outcome: 'not_adopted', reason: '再议后不采纳' }).expect(200);
    expect(plain.body.implementedInVersion).toBeNull();
  });
});
