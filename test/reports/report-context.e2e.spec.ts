import { startTestApp, type TestApp } from '../support/app';
import { clausesOf } from '../support/clauses';

describe('disposition report on a policy document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('names the heading each item stands under, since （二） occurs under every measure', async () => {
    const drafter = await t.user('drafter');
    const delegate = await t.user('delegate');
    const text = [
      '一、支持企业发展',
      '',
      '（一）扩大有效投资。',
      '',
      '（二）鼓励技术改造。',
      '',
      '二、强化人才支撑',
      '',
      '（一）引进高层次人才。',
      '',
      '（二）培育技能人才。',
      '',
    ].join('\n');
    const id = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '措施' }).expect(201)).body.id;
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text, label: '讨论稿' }).expect(201);
    const now = Date.now();
    const consultation = await t
      .http()
      .post(`/api/documents/${id}/consultations`)
      .set(drafter.auth)
      .send({
        versionNumber: 1,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 3_600_000).toISOString(),
        audience: [delegate.groupId],
        visibility: 'drafters',
      })
      .expect(201);
    const key = (await clausesOf(t, delegate, id, 1)).find((c) => c.text.startsWith('培育技能人才'))!.key;
    await t
      .http()
      .post(`/api/documents/${id}/versions/1/comments`)
      .set(delegate.auth)
      .set('Idempotency-Key', 'k1')
      .send({ clauseKey: key, kind: 'amend', body: '建议增加对青年技工的支持。' })
      .expect(201);
    const report = await t
      .http()
      .get(`/api/consultations/${consultation.body.id}/report`)
      .set(drafter.auth)
      .expect(200);
    expect(report.body.rows.map((r: { clauseLabel: string }) => r.clauseLabel)).toEqual(['二、强化人才支撑 › （二）']);
  });
});
