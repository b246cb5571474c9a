import { startTestApp, type TestApp, type TestUser } from '../support/app';
import { postComment, scenario } from './helpers';

type Actor = 'admin' | 'drafter' | 'groupDelegate' | 'otherDelegate' | 'anonymous';
const ACTORS: Actor[] = ['admin', 'drafter', 'groupDelegate', 'otherDelegate', 'anonymous'];

describe('comments: authorization matrix (every route × every kind of caller)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('answers each caller on each route with the right status', async () => {
    const s = await scenario(t);
    const admin = await t.admin();
    const who: Record<Actor, TestUser | null> = {
      admin,
      drafter: s.drafter,
      groupDelegate: s.a1,
      otherDelegate: s.b1,
      anonymous: null,
    };
    const key = s.key('便民利民');
    const comment = (
      await postComment(t, s.a1, s.doc, 1, { clauseKey: key, kind: 'remark', body: '原意见' }).expect(201)
    ).body.id;
    const v = `/api/documents/${s.doc}/versions/1/comments`;
    const decision = { outcome: 'adopted', reason: '已修改' };
    // [name, method, path, body, expected per actor in ACTORS order]
    const routes: [string, 'get' | 'post' | 'patch' | 'put', string, object | undefined, number[]][] = [
      ['create comment', 'post', v, { clauseKey: key, kind: 'remark', body: '再提一条' }, [403, 403, 201, 404, 401]],
      ['list comments', 'get', v, undefined, [200, 200, 200, 404, 401]],
      ['heat map', 'get', `${v}/counts`, undefined, [200, 200, 200, 404, 401]],
      ['similar groups', 'get', `${v}/similar`, undefined, [200, 200, 403, 403, 401]],
      ['read one comment', 'get', `/api/comments/${comment}`, undefined, [200, 200, 200, 404, 401]],
      ['edit comment', 'patch', `/api/comments/${comment}`, { body: '改后的意见' }, [403, 403, 200, 404, 401]],
      ['reply', 'post', `/api/comments/${comment}/replies`, { body: '收到' }, [201, 201, 201, 404, 401]],
      ['decide', 'put', `/api/comments/${comment}/decision`, decision, [200, 200, 403, 403, 401]],
      [
        'decide many',
        'post',
        '/api/comments/decisions',
        { ...decision, commentIds: [comment] },
        [200, 200, 403, 403, 401],
      ],
      ['my comments', 'get', '/api/me/comments', undefined, [200, 200, 200, 200, 401]],
      ['list consultations', 'get', `/api/documents/${s.doc}/consultations`, undefined, [200, 200, 200, 200, 401]],
      ['read consultation', 'get', `/api/consultations/${s.consultation.id}`, undefined, [200, 200, 200, 404, 401]],
      [
        'pending per group',
        'get',
        `/api/consultations/${s.consultation.id}/pending`,
        undefined,
        [200, 200, 403, 403, 401],
      ],
      [
        'open consultation',
        'post',
        `/api/documents/${s.doc}/consultations`,
        {
          versionNumber: 1,
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 3600_000).toISOString(),
          audience: 'all',
          visibility: 'drafters',
        },
        [201, 201, 403, 403, 401],
      ],
      ['job progress', 'get', '/api/jobs/6c0a3c9e-0000-4000-8000-000000000000', undefined, [404, 404, 403, 403, 401]],
      // decided above: frozen for its author (409 comment_decided), as it is hidden from the other group (404)
      ['withdraw comment', 'post', `/api/comments/${comment}/withdraw`, undefined, [403, 403, 409, 404, 401]],
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const [name, method, path, body, expected] of routes) {
      for (const [i, actor] of ACTORS.entries()) {
        let req = t.http()[method](path);
        if (who[actor]) req = req.set(who[actor].auth);
        if (method === 'post' && path === v) req = req.set('Idempotency-Key', `matrix-${actor}`);
        const res = await (body ? req.send(body) : req);
        got.push(`${name} as ${actor}: ${res.status}`);
        want.push(`${name} as ${actor}: ${expected[i]}`);
      }
    }
    expect(got).toEqual(want);
    // another delegate of the same group may not change the author's comment either; with visibility "drafters" it
    // does not even exist for them (404, as for the other group: what one may not see is not there)
    await t.http().patch(`/api/comments/${comment}`).set(s.a2.auth).send({ body: 'x' }).expect(404);
    await t.http().post(`/api/comments/${comment}/replies`).set(s.a2.auth).send({ body: 'x' }).expect(404);
  });
});
