import { DocumentsService } from '../../src/documents/documents.service';
import { LogLines } from '../support/log-lines';
import { startTestApp, type TestApp } from '../support/app';

describe('an unexpected error', () => {
  const log = new LogLines();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' }, { logStream: log });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('is answered 500 with a request id that the log line repeats with the stack, leaking nothing', async () => {
    const drafter = await t.user('drafter');
    // A mock only to force the failure branch: a bug deep in a service.
    jest
      .spyOn(t.app.get(DocumentsService), 'listDocuments')
      .mockRejectedValue(new TypeError('secret-internal-detail is not a function'));
    const res = await t.http().get('/api/documents').set(drafter.auth);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: 'internal_error', requestId: expect.stringMatching(/^[\w-]{8,}$/) });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
    expect(res.body.message).toContain(res.body.requestId);
    expect(JSON.stringify(res.body)).not.toContain('secret-internal-detail');
    const errorLine = log.lines.find((l) => l.level === 50 && String(l.msg).includes(res.body.requestId));
    expect(errorLine).toBeDefined();
    expect(String(errorLine!.msg)).toContain('TypeError: secret-internal-detail is not a function');
    // the request's own access line carries the same id
    const access = log.lines.find((l) => (l.req as { id?: string } | undefined)?.id === res.body.requestId && l.res);
    expect(access).toMatchObject({ res: { statusCode: 500 } });
  });

  it('keeps a well-formed X-Request-Id sent by the client or a proxy in front, and refuses to log a malformed one', async () => {
    const drafter = await t.user('drafter');
    jest.spyOn(t.app.get(DocumentsService), 'listDocuments').mockRejectedValue(new Error('boom'));
    const given = await t.http().get('/api/documents').set(drafter.auth).set('X-Request-Id', 'proxy-7f3a.1');
    expect(given.body.requestId).toBe('proxy-7f3a.1');
    const forged = await t
      .http()
      .get('/api/documents')
      .set(drafter.auth)
      .set('X-Request-Id', 'forged {"level":30} line');
    expect(forged.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every answer a request id, not only errors', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
