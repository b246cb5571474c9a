import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/app-config';

/**
 * docker-compose.yml, read as Compose would read it (no Docker engine runs here, so `docker compose config` cannot):
 * the default stack stays as it was, and the `scale` profile wires a primary, a streaming replica, two instances and
 * nginx together — every name, port, file and setting one part expects of another is checked here.
 */
const root = path.resolve(__dirname, '../..');
type Service = {
  profiles?: string[];
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  entrypoint?: string[];
  command?: string[];
  user?: string;
};
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const scale = Object.entries(services).filter(([, s]) => s.profiles?.includes('scale'));
/** ${VAR:-default} as Compose substitutes it with VAR unset. */
const substitute = (v: string) => v.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

describe('docker-compose.yml', () => {
  it('keeps the default stack (db and app) outside any profile', () => {
    expect(services.db.profiles).toBeUndefined();
    expect(services.app.profiles).toBeUndefined();
    expect(services.app.environment?.DATABASE_URL).toContain('@db:5432/');
  });

  it('has a scale profile of a primary, a replica, two instances and a reverse proxy from official images', () => {
    expect(scale.map(([name]) => name).sort()).toEqual(['app-1', 'app-2', 'pg-primary', 'pg-replica', 'proxy']);
    expect(services['pg-primary'].image).toMatch(/^postgres:\d+/);
    expect(services['pg-replica'].image).toBe(services['pg-primary'].image);
    expect(services.proxy.image).toMatch(/^nginx:/);
    expect(services.proxy.ports).toEqual(['8080:80']);
    // the instances are reached through the proxy only (they trust one proxy hop for the client's address)
    for (const app of ['app-1', 'app-2']) expect(services[app].ports).toBeUndefined();
  });

  it('starts a service only after what it needs, each a service of the same profile', () => {
    for (const [name, s] of scale) {
      for (const dep of Object.keys(s.depends_on ?? {})) {
        expect([name, services[dep]?.profiles]).toEqual([name, ['scale']]);
      }
    }
    expect(Object.keys(services['pg-replica'].depends_on!)).toEqual(['pg-primary']);
    expect(Object.keys(services['app-2'].depends_on!)).toEqual(['app-1']); // migrations run once, by app-1
    expect(Object.keys(services.proxy.depends_on!).sort()).toEqual(['app-1', 'app-2']);
  });

  it('gives both instances a configuration the service accepts: the primary to write, the replica to read', () => {
    for (const app of ['app-1', 'app-2']) {
      const env = Object.fromEntries(
        Object.entries(services[app].environment!).map(([k, v]) => [k, substitute(String(v))]),
      );
      const config = loadConfig(env);
      expect(new URL(config.databaseUrl!).host).toBe('pg-primary:5432');
      expect(config.readReplicas.urls.map((u) => new URL(u).host)).toEqual(['pg-replica:5432']);
      expect(config.trustProxy).toBe(1);
      const db = services['pg-primary'].environment!;
      expect(new URL(config.databaseUrl!).pathname).toBe(`/${db.POSTGRES_DB}`);
      expect(decodeURIComponent(new URL(config.readReplicas.urls[0]).username)).toBe(db.POSTGRES_USER);
    }
  });

  it('sets up replication with scripts that exist, parse, and agree with each other', () => {
    const primary = services['pg-primary'];
    const replica = services['pg-replica'];
    const mounted = (s: Service) => s.volumes!.filter((v) => v.startsWith('./')).map((v) => v.split(':'));
    for (const [file] of [...mounted(primary), ...mounted(replica)]) {
      expect(fs.existsSync(path.join(root, file))).toBe(true);
      execFileSync('bash', ['-n', path.join(root, file)]); // syntax
    }
    const init = mounted(primary).find(([, target]) => target.startsWith('/docker-entrypoint-initdb.d/'));
    expect(init).toBeDefined();
    const initText = fs.readFileSync(path.join(root, init![0]), 'utf8');
    const entry = mounted(replica).find(([, target]) => target === replica.entrypoint![0]);
    expect(entry).toBeDefined();
    const entryText = fs.readFileSync(path.join(root, entry![0]), 'utf8');
    expect(entryText).toMatch(/pg_basebackup .*-R/);
    expect(entryText).toContain('$PRIMARY_HOST');
    expect(replica.environment!.PRIMARY_HOST).toBe('pg-primary');
    // the slot the replica uses is the one the primary creates
    expect(initText).toContain(`pg_create_physical_replication_slot('${replica.environment!.REPLICATION_SLOT}')`);
    expect(replica.environment!.REPLICATION_USER).toBe(primary.environment!.REPLICATION_USER);
    expect(replica.user).toBe('postgres'); // postgres refuses to run as root
    expect(primary.command!.join(' ')).toContain('wal_level=replica');
  });

  it('has nginx send requests to both instances on the port they listen on', () => {
    const [file, target] = services.proxy.volumes![0].split(':');
    expect(target).toBe('/etc/nginx/conf.d/default.conf');
    const conf = fs.readFileSync(path.join(root, file), 'utf8');
    const upstream = /upstream (\w+) \{([^}]*)\}/.exec(conf)!;
    const servers = [...upstream[2].matchAll(/server ([\w-]+):(\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(servers).toEqual(['app-1:3000', 'app-2:3000']);
    for (const app of ['app-1', 'app-2']) expect(services[app].environment!.PORT).toBe('3000');
    expect(conf).toContain(`proxy_pass http://${upstream[1]};`);
    expect(conf).toContain('listen 80;');
    expect(conf).toMatch(/client_max_body_size (\d+)m/);
    expect(Number(/client_max_body_size (\d+)m/.exec(conf)![1]) * 2 ** 20).toBeGreaterThan(
      loadConfig({}).maxUploadBytes,
    );
  });

  it('declares every named volume it mounts', () => {
    for (const s of Object.values(services)) {
      for (const v of s.volumes ?? [])
        if (!v.startsWith('./')) expect(Object.keys(compose.volumes)).toContain(v.split(':')[0]);
    }
  });
});
