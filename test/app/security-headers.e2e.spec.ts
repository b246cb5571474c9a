import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { V1 } from '../comments/helpers';
import { startTestApp, type TestApp } from '../support/app';

const WEB_BUILT = fs.existsSync(path.resolve(__dirname, '../../dist/web/index.html'));

/** Parses a Content-Security-Policy header into directive → sources. */
function csp(header: string | undefined): Map<string, string[]> {
  expect(header).toBeDefined();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...src]) => [name, src]),
  );
}

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('security headers on HTML', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  (WEB_BUILT ? it : it.skip)(
    'serves the web app with a Content-Security-Policy that allows no inline script',
    async () => {
      const res = await t.http().get('/').expect(200);
      const policy = csp(res.headers['content-security-policy']);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('style-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.has('upgrade-insecure-requests')).toBe(false); // it would break the service on plain http inside a LAN
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script of the page is a file
      expect(res.headers['cache-control']).toBe('no-cache');
      const asset = res.text.match(/src="\.?\/?(assets\/[^"]+\.js)"/)![1];
      const js = await t.http().get(`/${asset}`).expect(200);
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable'); // the name holds a content hash
    },
  );

  it('serves the redline with a policy that allows exactly its own inline script and style, by hash', async () => {
    const drafter = await t.user('drafter');
    const id = (await t.http().post('/api/documents').set(drafter.auth).send({ title: '红线' }).expect(201)).body.id;
    await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).send({ text: V1 }).expect(201);
    await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .send({ text: V1.replace('每季度', '每月') })
      .expect(201);
    const res = await t.http().get(`/api/documents/${id}/diff?from=1&to=2&format=html`).set(drafter.auth).expect(200);
    const policy = csp(res.headers['content-security-policy']);
    const scripts = [...res.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...res.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(policy.get('script-src')).toEqual(scripts.map(sha256));
    expect(policy.get('style-src')).toEqual(styles.map(sha256));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('relaxes only styles for the API documentation page (Swagger UI has inline styles, no inline script)', async () => {
    const res = await t.http().get('/api/docs/').expect(200);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('sends the other protective headers on API answers', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
