import type { TestApp, TestUser } from '../support/app';
import { clausesOf } from '../support/clauses';

export { clausesOf, flat, type Flat } from '../support/clauses';

export const V1 = [
  '关于改进社区服务的若干规定',
  '',
  '第一条 为了改进社区服务，方便居民办事，制定本规定。',
  '',
  '第二条 社区服务应当便民利民，做到公开透明。',
  '',
  '第三条 街道办事处每季度向居民公开服务事项清单。',
  '',
  '第四条 本规定自发布之日起施行。',
  '',
].join('\n');

const HOUR = 3600_000;
export const windowNow = () => ({
  opensAt: new Date(Date.now() - HOUR).toISOString(),
  closesAt: new Date(Date.now() + HOUR).toISOString(),
});

/** A document with V1, a drafter, two delegate groups and a consultation on version 1 for group A (by default). */
export async function scenario(
  t: TestApp,
  opts: {
    visibility?: 'drafters' | 'participants';
    audience?: 'all' | 'A';
    window?: { opensAt: string; closesAt: string };
  } = {},
) {
  const drafter = await t.user('drafter');
  const groupA = `ga-${Math.random().toString(36).slice(2, 8)}`;
  const groupB = `gb-${Math.random().toString(36).slice(2, 8)}`;
  const a1 = await t.user('delegate', { group: groupA });
  const a2 = await t.user('delegate', { group: groupA });
  const b1 = await t.user('delegate', { group: groupB });
  const doc = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '社区服务规定' }).expect(201)).body
    .id as string;
  await t.http().post(`/api/documents/${doc}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
  const consultation = (
    await t
      .http()
      .post(`/api/documents/${doc}/consultations`)
      .set(drafter.auth)
      .send({
        versionNumber: 1,
        ...(opts.window ?? windowNow()),
        audience: opts.audience === 'all' ? 'all' : [a1.groupId],
        visibility: opts.visibility ?? 'drafters',
      })
      .expect(201)
  ).body;
  const clauses = await clausesOf(t, drafter, doc, 1);
  const key = (s: string) => clauses.find((c) => c.text.includes(s))!.key;
  return { drafter, a1, a2, b1, doc, consultation, clauses, key };
}

/** Releases version `versionNumber` of the scenario's document to group A now (a consultation open for an hour). */
export async function releaseToGroupA(
  t: TestApp,
  s: Awaited<ReturnType<typeof scenario>>,
  versionNumber: number,
): Promise<void> {
  await t
    .http()
    .post(`/api/documents/${s.doc}/consultations`)
    .set(s.drafter.auth)
    .send({ versionNumber, ...windowNow(), audience: [s.a1.groupId], visibility: 'drafters' })
    .expect(201);
}

let seq = 0;
export function postComment(
  t: TestApp,
  user: TestUser,
  doc: string,
  n: number,
  body: Record<string, unknown>,
  key = `k${Date.now()}-${seq++}`,
) {
  return t
    .http()
    .post(`/api/documents/${doc}/versions/${n}/comments`)
    .set(user.auth)
    .set('Idempotency-Key', key)
    .send(body);
}
