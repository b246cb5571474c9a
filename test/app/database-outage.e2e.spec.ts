import * as net from 'node:net';
import { startTestApp, type TestApp, type TestUser, USER_PASSWORD } from '../support/app';
import { usingServer } from '../support/database';

/**
 * A TCP proxy the test owns in front of the PostgreSQL server: closing it (and cutting every connection through it)
 * is an outage as the service sees one; opening it again on the same port is the database coming back. Stalled, it
 * takes new connections and never answers on them, like a server that hangs or a network that drops packets.
 */
class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  stalled = false;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      if (this.stalled) return;
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(this.port, '127.0.0.1', ok));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Cuts every connection through the proxy and stalls new ones until `stalled` is false again. */
  stall(): void {
    this.stalled = true;
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    const closed = new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

const describeOnServer = usingServer() ? describe : describe.skip;
if (!usingServer()) {
  // eslint-disable-next-line no-console
  console.log('database-outage: the embedded database cannot go away under the service; set DATABASE_URL to run this test');
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

  const unavailable = (res: { status: number; headers: Record<string, string>; body: { error?: string } }, what: string) => {
    expect({ what, status: res.status, error: res.body.error, retryAfter: res.headers['retry-after'] })
      .toEqual({ what, status: 503, error: 'database_unavailable', retryAfter: '5' });
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
    unavailable(await t.http().post('/api/auth/login').send({ username: drafter.username, password: USER_PASSWORD }), 'login');
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
    unavailable(await t.http().post('/api/auth/login').send({ username: drafter.username, password: USER_PASSWORD }), 'login');
    unavailable(await t.http().get('/api/health'), 'health');
    expect(Date.now() - started).toBeLessThan(3 * 1000 + 2000); // three requests of about DATABASE_CONNECT_TIMEOUT_MS each
    proxy.stalled = false;
    await recovers();
  });
});
