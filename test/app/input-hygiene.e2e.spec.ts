import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { startTestApp, type TestApp } from '../support/app';
import { postComment, scenario } from '../comments/helpers';

const NUL = '\u0000';
const LONE = '\udc00';

/** JSON nested `depth` levels deep, written by hand: JSON.stringify of such a value would itself recurse. */
const deepJson = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

describe('input hygiene: text the database cannot store, bodies too deep, numbers out of range (HTTP, real database)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  let commentId: string;
  beforeAll(async () => {
    t = await startTestApp();
    s = await scenario(t);
    commentId = (
      await postComment(t, s.a1, s.doc, 1, { clauseKey: s.key('便民利民'), kind: 'remark', body: '意见' }).expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  const refused = (
    res: { status: number; body: { error?: string; message?: string } },
    field: string,
    what: RegExp,
  ) => {
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'validation_failed' });
    expect(res.body.message).toContain(field);
    expect(res.body.message).toMatch(what);
  };

  it('refuses a NUL character anywhere, naming the field — also from anonymous callers at login', async () => {
    refused(
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: `admin${NUL}`, password: 'x' }),
      'body.username',
      /NUL/,
    );
    refused(
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'admin', password: `p${NUL}` }),
      'body.password',
      /NUL/,
    );
    refused(
      await postComment(t, s.a1, s.doc, 1, { clauseKey: s.key('便民利民'), kind: 'remark', body: `意见${NUL}` }),
      'body.body',
      /NUL/,
    );
    const quote = (q: Record<string, string>) =>
      postComment(t, s.a1, s.doc, 1, {
        clauseKey: s.key('便民利民'),
        kind: 'amend',
        body: '意见',
        quote: { exact: '便民利民', ...q },
      });
    refused(await quote({ prefix: `服务应当${NUL}` }), 'body.quote.prefix', /NUL/);
    refused(await quote({ suffix: `${NUL}` }), 'body.quote.suffix', /NUL/);
    refused(
      await t
        .http()
        .post('/api/documents')
        .set(s.drafter.auth)
        .send({ title: `标题${NUL}` }),
      'body.title',
      /NUL/,
    );
    const version = (extra: Record<string, unknown>) =>
      t
        .http()
        .post(`/api/documents/${s.doc}/versions`)
        .set(s.drafter.auth)
        .send({ text: '第一条 内容。', ...extra });
    refused(await version({ label: `第二稿${NUL}` }), 'body.label', /NUL/);
    refused(await version({ note: `说明${NUL}` }), 'body.note', /NUL/);
    refused(
      await t
        .http()
        .put(`/api/comments/${commentId}/decision`)
        .set(s.drafter.auth)
        .send({ outcome: 'adopted', reason: `理由${NUL}` }),
      'body.reason',
      /NUL/,
    );
    refused(
      await t
        .http()
        .post('/api/groups')
        .set((await t.admin()).auth)
        .send({ name: `组${NUL}` }),
      'body.name',
      /NUL/,
    );
    refused(
      await t.http().get(`/api/documents/${s.doc}/versions/1/comments?clause=%00`).set(s.drafter.auth),
      'query.clause',
      /NUL/,
    );
    refused(
      await t.http().get(`/api/documents/${s.doc}/versions/1/comments/similar?clause=a%00`).set(s.drafter.auth),
      'query.clause',
      /NUL/,
    );
    refused(await t.http().get(`/api/documents/%00/versions`).set(s.drafter.auth), 'param.id', /NUL/);
  });

  it('checks multipart fields and the uploaded file name too', async () => {
    const upload = () => t.http().post(`/api/documents/${s.doc}/versions`).set(s.drafter.auth);
    refused(
      await upload().field('label', `第二稿${NUL}`).attach('file', Buffer.from('第一条 内容。\n'), 'v2.txt'),
      'body.label',
      /NUL/,
    );
    refused(
      await upload().field('basedOn', '0x1').attach('file', Buffer.from('第一条 内容。\n'), 'v2.txt'),
      'basedOn',
      /whole number/,
    );
    // a raw NUL in a part header is refused by the multipart parser; RFC 5987 encoding gets one into the file name
    const multipart = [
      '--b',
      `Content-Disposition: form-data; name="file"; filename*=UTF-8''v2%00.txt`,
      'Content-Type: text/plain',
      '',
      '第一条 内容。',
      '--b--',
      '',
    ].join('\r\n');
    refused(
      await upload().set('Content-Type', 'multipart/form-data; boundary=b').send(multipart),
      'file.originalname',
      /NUL/,
    );
  });

  it('never lets a NUL through a header: Node refuses it before the service sees it (Idempotency-Key)', async () => {
    const server = t.app.getHttpServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<string>((ok, fail) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.end(
            `POST /api/documents/${s.doc}/versions/1/comments HTTP/1.1\r\nHost: x\r\nAuthorization: ${s.a1.auth.Authorization}\r\n` +
              `Idempotency-Key: a${NUL}b\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
          );
        });
        let data = '';
        socket
          .on('data', (d: Buffer) => (data += String(d)))
          .on('end', () => ok(data))
          .on('error', fail);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  it('refuses a lone surrogate (half of a UTF-16 pair) in titles and quotes, and takes whole pairs', async () => {
    refused(
      await t
        .http()
        .post('/api/documents')
        .set(s.drafter.auth)
        .send({ title: `标题${LONE}` }),
      'body.title',
      /surrogate/,
    );
    const quote = (q: Record<string, string>) =>
      postComment(t, s.a1, s.doc, 1, {
        clauseKey: s.key('便民利民'),
        kind: 'amend',
        body: '意见',
        quote: { exact: '便民利民', ...q },
      });
    refused(await quote({ prefix: `\ud800服务应当` }), 'body.quote.prefix', /surrogate/);
    refused(await quote({ suffix: `，做到${LONE}` }), 'body.quote.suffix', /surrogate/);
    // a character outside the BMP is a valid pair and is stored as it is
    const ok = await t.http().post('/api/documents').set(s.drafter.auth).send({ title: '标题𠀀😀' }).expect(201);
    expect(ok.body.title).toBe('标题𠀀😀');
  });

  it('refuses JSON nested deeper than the limit before anything walks it (3,000 levels), on login too', async () => {
    const send = (path: string, auth: Record<string, string> = {}) =>
      t
        .http()
        .post(path)
        .set(auth)
        .set('Content-Type', 'application/json')
        .send(`{"username":"admin","password":"x","deep":${deepJson(3000)}}`);
    for (const res of [
      await send('/api/auth/login'),
      await send(`/api/documents/${s.doc}/versions/1/comments`, s.a1.auth),
    ]) {
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'validation_failed' });
      expect(res.body.message).toMatch(/nested more than 32 levels/);
    }
    const arrays = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(arrays.status).toBe(400);
    // nesting inside the limit is an ordinary validation matter
    const shallow = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'x', extra: JSON.parse(deepJson(20)) });
    expect(shallow.status).toBe(400);
    expect(shallow.body.message).toMatch(/extra should not exist/);
  });

  it('checks a large draft text in linear time and names where the bad character is', async () => {
    const text = `第一条 ${'内容'.repeat(300_000)}`.slice(0, 600_000); // 1.8 MB of UTF-8, inside MAX_TEXT_BYTES
    const started = Date.now();
    const res = await t
      .http()
      .post(`/api/documents/${s.doc}/versions`)
      .set(s.drafter.auth)
      .send({ text: `${text}${NUL}` });
    refused(res, 'body.text', /NUL character at character 600000/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers 400 for integers past the database range, wherever a version number is taken', async () => {
    const big = '2147483648';
    const base = `/api/documents/${s.doc}`;
    const get = (path: string) => t.http().get(path).set(s.drafter.auth);
    for (const path of [
      `${base}/versions/${big}`,
      `${base}/versions/${big}/comments`,
      `${base}/versions/${big}/comments/counts`,
      `${base}/versions/${big}/comments/similar`,
      `${base}/versions/${big}/alignment`,
      `${base}/diff?from=${big}&to=1`,
      `${base}/diff?from=1&to=${big}`,
      `${base}/versions/1/comments?page=1e20`,
      `${base}/versions/1/comments?page=99999999999`,
      `${base}/versions/1/comments?pageSize=${big}`,
    ]) {
      const res = await get(path);
      expect({ path, status: res.status, error: res.body.error }).toEqual({
        path,
        status: 400,
        error: 'validation_failed',
      });
      expect(res.body.message).toMatch(/whole number from 1 to/);
    }
    const put = await t
      .http()
      .put(`${base}/versions/${big}/alignment`)
      .set(s.drafter.auth)
      .send({ clauseKey: 'x', previousKey: null });
    expect(put.status).toBe(400);
    const comment = await postComment(t, s.a1, s.doc, Number(big), {
      clauseKey: s.key('便民利民'),
      kind: 'remark',
      body: '意见',
    });
    expect(comment.status).toBe(400);
    const open = await t
      .http()
      .post(`${base}/consultations`)
      .set(s.drafter.auth)
      .send({
        versionNumber: 2147483648,
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
        audience: 'all',
        visibility: 'drafters',
      });
    expect({ status: open.status, message: open.body.message }).toMatchObject({
      status: 400,
      message: expect.stringContaining('versionNumber'),
    });
    const decide = await t
      .http()
      .put(`/api/comments/${commentId}/decision`)
      .set(s.drafter.auth)
      .send({ outcome: 'adopted', reason: '理由', implementedInVersion: 2147483648 });
    expect({ status: decide.status, message: decide.body.message }).toMatchObject({
      status: 400,
      message: expect.stringContaining('implementedInVersion'),
    });
    const based = await t
      .http()
      .post(`${base}/versions`)
      .set(s.drafter.auth)
      .send({ text: '第一条 内容。', basedOn: 2147483648 });
    expect({ status: based.status, message: based.body.message }).toMatchObject({
      status: 400,
      message: expect.stringContaining('basedOn'),
    });
  });

  it('takes numbers written with decimal digits only: no hex, sign, spaces, exponent or fraction', async () => {
    const base = `/api/documents/${s.doc}`;
    const get = (path: string) => t.http().get(path).set(s.drafter.auth);
    for (const n of ['0x1', '%201', '1%20', '+1', '-1', '1e0', '1.0', '0', '01a', '%EF%BC%91' /* fullwidth 1 */]) {
      for (const path of [
        `${base}/versions/${n}`,
        `${base}/versions/${n}/comments/counts`,
        `${base}/diff?from=${n}&to=1`,
        `${base}/diff?from=1&to=1&to=${n}`,
        `${base}/versions/1/comments?page=${n}`,
        `${base}/versions/1/comments?page=`,
      ]) {
        const res = await get(path);
        expect({ path, status: res.status, error: res.body.error }).toEqual({
          path,
          status: 400,
          error: 'validation_failed',
        });
      }
    }
    // JSON numbers and strings of digits are both fine in bodies (multipart fields are strings)
    for (const versionNumber of ['0x1', ' 1', '1e0', 1.5, -1, 0, true, [1], null]) {
      const res = await t
        .http()
        .post(`${base}/consultations`)
        .set(s.drafter.auth)
        .send({
          versionNumber,
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 3600_000).toISOString(),
          audience: 'all',
          visibility: 'drafters',
        });
      expect({ versionNumber, status: res.status }).toEqual({ versionNumber, status: 400 });
    }
    await get(`${base}/versions/1`).expect(200);
    await get(`${base}/versions/1/comments?page=1&pageSize=200`).expect(200);
    await get(`${base}/versions/1/comments/similar?threshold=0.9`).expect(200);
    await get(`${base}/versions/1/comments/similar?threshold=0x1`).expect(400);
    const open = await t
      .http()
      .post(`${base}/consultations`)
      .set(s.drafter.auth)
      .send({
        versionNumber: '1',
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
        audience: 'all',
        visibility: 'drafters',
      });
    expect(open.status).toBe(201);
  });
});
