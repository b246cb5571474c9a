import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { DataDirLock, DataDirLockedError } from '../../src/database/data-dir-lock';
import { openDatabase } from '../../src/database/data-source';
import { openTestDatabase, usingServer } from '../support/database';
import { ENTITIES } from '../../src/database/entities';
import { startTestApp, type TestApp } from '../support/app';

describe('the service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('answers health without a token', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: {
        database: { status: 'up' },
        // no replica configured here; both LISTEN connections up (in-process on the embedded database)
        readReplicas: { status: 'up', configured: 0, serving: 0, replicas: [] },
        listeners: { status: 'up', events: 'up', sessions: 'up' },
      },
    });
  });

  it('serves the OpenAPI document with the contract paths', async () => {
    const res = await t.http().get('/api/openapi.json').expect(200);
    for (const p of [
      '/api/auth/login',
      '/api/documents',
      '/api/documents/{id}/versions',
      '/api/documents/{id}/versions/{number}',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(p);
    }
    await t
      .http()
      .get('/api/docs')
      .expect((r) => expect([200, 301]).toContain(r.status));
  });

  it('answers unknown routes and malformed JSON with JSON errors', async () => {
    const admin = await t.admin();
    const r = await t.http().get('/api/nothing-here').set(admin.auth).expect(404);
    expect(r.body.error).toBe('not_found');
    const bad = await t
      .http()
      .post('/api/documents')
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send('{"title":')
      .expect(400);
    expect(bad.body.error).toBeDefined();
  });

  it('has entities and migrations that agree (no schema drift)', async () => {
    const pending = await t.db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(ENTITIES.length).toBeGreaterThan(0);
  });
});

describe('configuration', () => {
  it('is validated with a message naming each problem', () => {
    expect(() => loadConfig({ PORT: 'eighty', DEMO: 'sometimes', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DEMO: 'sometimes', DATABASE_URL: 'mysql://x', BOOTSTRAP_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toMatch(/PORT/);
      expect(m).toMatch(/DEMO/);
      expect(m).toMatch(/DATABASE_URL/);
      expect(m).toMatch(/BOOTSTRAP_ADMIN_PASSWORD/);
    }
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      databaseUrl: null,
      demo: 'auto',
      maxTextBytes: 2 * 1024 * 1024,
    });
  });

  it('reads the upload limits, with defaults, and names each bad one', () => {
    expect(loadConfig({})).toMatchObject({
      maxUploadBytes: 32 * 1024 * 1024,
      docx: {
        maxEntries: 1000,
        maxUncompressedBytes: 32 * 1024 * 1024,
        maxRatio: 200,
        memoryMb: 512,
        timeoutMs: 30_000,
      },
    });
    expect(
      loadConfig({ MAX_UPLOAD_BYTES: '1048576', DOCX_MAX_RATIO: '50', DOCX_EXTRACT_TIMEOUT_MS: '5000' }),
    ).toMatchObject({
      maxUploadBytes: 1048576,
      docx: { maxRatio: 50, timeoutMs: 5000 },
    });
    const bad = {
      MAX_UPLOAD_BYTES: '5000000000',
      DOCX_MAX_ENTRIES: '0',
      DOCX_MAX_UNCOMPRESSED_BYTES: 'lots',
      DOCX_MAX_RATIO: '-1',
      DOCX_EXTRACT_MEMORY_MB: '1',
      DOCX_EXTRACT_TIMEOUT_MS: '1.5',
    };
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig(bad);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    for (const name of Object.keys(bad)) expect(message).toContain(name);
  });
});

describe('the embedded database folder lock', () => {
  it('refuses a second holder while the first is alive, and takes over a stale lock', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const lock = DataDirLock.acquire(dir);
    expect(() => DataDirLock.acquire(dir)).toThrow(DataDirLockedError);
    lock.release();
    fs.writeFileSync(path.join(dir, 'draftline.lock'), '999999999'); // no such process
    const again = DataDirLock.acquire(dir);
    again.release();
    fs.rmSync(dir, { recursive: true });
  });
});

(usingServer() ? describe.skip : describe)('the embedded database', () => {
  it('refuses a second opener of the same data folder with a message saying what to do', async () => {
    const first = await openTestDatabase();
    try {
      const second = openDatabase({ databaseUrl: null, dataDir: first.dataDir });
      await expect(second).rejects.toThrow(DataDirLockedError);
      await expect(second).rejects.toThrow(/in use by another process .*DATABASE_URL/s);
    } finally {
      await first.close();
    }
  });
});
