import { startTestApp, type TestApp, type TestUser, USER_PASSWORD } from '../support/app';
import { usingServer } from '../support/database';
import { TcpProxy } from '../support/tcp-proxy';

const describeOnServer = usingServer() ? describe : describe.skip;
if (!usingServer()) {
  console.log(
    'database-outage: the embedded database cannot go away under the service; set DATABASE_URL to run this test',
  );
}

describeOnServer('a PostgreSQL outage (HTTP, real server behind a proxy the test cuts)', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let drafter: TestUser;
  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.open();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    t = await startTestApp({ DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT_MS: '1000' });
    drafter = await t.user('drafter');
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
  });

  const unavailable = (
    res: { status: number; headers: Record<string, string>; body: { error?: string } },
    what: string,
  ) => {
    expect({ what, status: res.status, error: res.body.error, retryAfter: res.headers['retry-after'] }).toEqual({
      what,
      status: 503,
      error: 'database_unavailable',
      retryAfter: '5',
    });
  };
  const recovers = async () => {
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await t.http().get('/api/documents').set(drafter.auth)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    await t.http().post('/api/documents').set(drafter.auth).send({ title: '恢复之后' }).expect(201);
    await t.http().post('/api/auth/login').send({ username: drafter.username, password: USER_PASSWORD }).expect(200);
    await t.http().get('/api/health').expect(200);
  };

  it('answers 503 database_unavailable with Retry-After while the database is away, and works again when it returns', async () => {
    await t.http().get('/api/documents').set(drafter.auth).expect(200);
    await t.http().get('/api/health').expect(200);

    await proxy.close();
    const started = Date.now();
    const list = await t.http().get('/api/documents').set(drafter.auth);
    unavailable(list, 'list');
    expect(list.body.message).toContain('database');
    unavailable(await t.http().post('/api/documents').set(drafter.auth).send({ title: '停电期间' }), 'create');
    unavailable(
      await t.http().post('/api/auth/login').send({ username: drafter.username, password: USER_PASSWORD }),
      'login',
    );
    unavailable(await t.http().get('/api/health'), 'health');
    expect(Date.now() - started).toBeLessThan(15_000); // refused connections answer at once, not after a hang

    await proxy.open();
    await recovers();
  });

  it('answers 503 after DATABASE_CONNECT_TIMEOUT_MS when the database hangs, instead of hanging with it', async () => {
    await proxy.open();
    await t.http().get('/api/documents').set(drafter.auth).expect(200);
    proxy.stall();
    const started = Date.now();
    unavailable(await t.http().get('/api/documents').set(drafter.auth), 'list');
    unavailable(
      await t.http().post('/api/auth/login').send({ username: drafter.username, password: USER_PASSWORD }),
      'login',
    );
    unavailable(await t.http().get('/api/health'), 'health');
    expect(Date.now() - started).toBeLessThan(3 * 1000 + 2000); // three requests of about DATABASE_CONNECT_TIMEOUT_MS each
    proxy.stalled = false;
    await recovers();
  });
});
