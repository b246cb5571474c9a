import { VersionFastPath } from '../../src/documents/version-fast-path';
import { scenario } from '../comments/helpers';
import { LogLines } from '../support/log-lines';
import { startTestApp, type TestApp } from '../support/app';
import { rawGet } from '../support/raw-http';

// In a file of its own: nestjs-pino keeps one request logger per process (module registry), the first app's.

describe('the fast path of version reads, logged', () => {
  const log = new LogLines();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' }, { logStream: log });
  });
  afterAll(() => t.close());

  it('writes the same access line as the full route, with the request id and without the token', async () => {
    const s = await scenario(t);
    const fast = t.app.get(VersionFastPath);
    const url = `/api/documents/${s.doc}/versions/1`;
    const headers = { Authorization: s.a1.auth.Authorization };
    await rawGet(t.app.getHttpServer(), url, headers);
    const before = fast.served;
    const quick = await rawGet(t.app.getHttpServer(), url, headers);
    expect(fast.served).toBe(before + 1);
    const id = quick.headers['x-request-id'] as string;
    let line: Record<string, unknown> | undefined;
    for (let i = 0; i < 40 && !line; i++, await new Promise((r) => setTimeout(r, 25)))
      line = log.lines.find((l) => (l.req as { id?: string } | undefined)?.id === id);
    expect(line).toMatchObject({ req: { method: 'GET', url }, res: { statusCode: 200 }, service: 'draftline' });
    expect(JSON.stringify(log.lines)).not.toContain(s.a1.auth.Authorization.slice(7));
  });
});
