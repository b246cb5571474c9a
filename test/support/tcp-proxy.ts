import * as net from 'node:net';

/**
 * A TCP proxy the test owns in front of the PostgreSQL server: closing it (and cutting every connection through it)
 * is an outage as the service sees one; opening it again on the same port is the database coming back. Stalled, it
 * takes new connections and never answers on them, like a server that hangs or a network that drops packets.
 */
export class TcpProxy {
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
