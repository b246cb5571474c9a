import { startTestApp, type TestApp, type TestUser } from '../support/app';
import {
  DOCUMENT_HEAD,
  DOCUMENT_TAIL,
  docxBomb,
  docxOfLines,
  docxWithDocumentXml,
  underDeclare,
} from '../support/docx';

const MiB = 1024 * 1024;
/** Generous: the limits allow 32 MiB of XML and a 512 MB worker heap; a bomb must be refused long before either. */
const RSS_MARGIN = 400 * MiB;

/** Samples the process's RSS until stopped; returns the highest value seen. */
function watchRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

/** Bombs take seconds to build; each size is built once. */
const bombs = new Map<number, Promise<Buffer>>();
const bomb = (mib: number) => bombs.get(mib) ?? bombs.set(mib, docxBomb(mib)).get(mib)!;

describe('uploads: size limits, zip bombs, file names (HTTP, real database)', () => {
  let t: TestApp;
  let drafter: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    drafter = await t.user('drafter');
  });
  afterAll(() => t?.close());

  async function newDocument(): Promise<string> {
    return (await t.http().post('/api/documents').set(drafter.auth).send({ title: '上传限制' }).expect(201)).body.id;
  }

  /** Posts `file`, polling /api/health meanwhile; returns the upload's response, health latencies and the RSS rise. */
  async function uploadWatched(id: string, file: Buffer, name: string) {
    const rssBefore = process.memoryUsage().rss;
    const stopRss = watchRss();
    const health: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const t0 = Date.now();
        await t.http().get('/api/health').expect(200);
        health.push(Date.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const t0 = Date.now();
    const res = await t.http().post(`/api/documents/${id}/versions`).set(drafter.auth).attach('file', file, name);
    const elapsed = Date.now() - t0;
    done = true;
    await poll;
    const rssRise = stopRss() - rssBefore;
    if (process.env.UPLOAD_DEBUG)
      console.log(
        name,
        res.status,
        `${elapsed} ms`,
        `rss +${Math.round(rssRise / MiB)} MiB`,
        `health ${JSON.stringify(health)}`,
      );
    return { res, elapsed, health, rssRise };
  }

  it.each([40, 120])(
    'refuses a .docx whose document.xml inflates to %i MiB with 413, without inflating it',
    async (mib) => {
      const id = await newDocument();
      const file = await bomb(mib);
      expect(file.length).toBeLessThan((mib * MiB) / 100);
      const { res, rssRise, health } = await uploadWatched(id, file, 'bomb.docx');
      expect(res.status).toBe(413);
      expect(res.body.error).toBe('docx_too_large');
      expect(res.body.message).toMatch(/DOCX_MAX_(UNCOMPRESSED_BYTES|RATIO)/);
      expect(rssRise).toBeLessThan(RSS_MARGIN);
      expect(health.every((ms) => ms < 5000)).toBe(true);
      await t.http().get('/api/health').expect(200);
    },
  );

  it('refuses a bomb whose headers under-declare its size: the inflated bytes are counted, not trusted', async () => {
    const id = await newDocument();
    const file = underDeclare(await bomb(120), 'word/document.xml', 20_000);
    const { res, rssRise, health } = await uploadWatched(id, file, 'sly.docx');
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('docx_too_large');
    expect(res.body.message).toContain('word/document.xml');
    expect(rssRise).toBeLessThan(RSS_MARGIN);
    // the event loop kept turning while the upload was inflated and refused
    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health)).toBeLessThan(5000);
  });

  it('refuses an archive with more entries than DOCX_MAX_ENTRIES', async () => {
    const id = await newDocument();
    const extra: Record<string, string> = {};
    for (let i = 0; i < 1200; i++) extra[`word/media/x${i}.xml`] = '<x/>';
    const many = await docxWithDocumentXml(DOCUMENT_HEAD + DOCUMENT_TAIL, extra);
    const res = await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .attach('file', many, 'many.docx')
      .expect(413);
    expect(res.body).toMatchObject({ error: 'docx_too_large', setting: 'DOCX_MAX_ENTRIES', limit: 1000 });
  });

  it('still imports a legitimate .docx after refusing bombs, exactly as before', async () => {
    const id = await newDocument();
    const lines = ['关于社区议事的暂行办法', '第一条 为了规范社区议事，制定本办法。', '第二条 议事应当公开、公正。'];
    const res = await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .attach('file', await docxOfLines(lines), 'rules.docx')
      .expect(201);
    expect(res.body).toMatchObject({ number: 1, sourceFormat: 'docx', sourceName: 'rules.docx' });
    const text = await t.http().get(`/api/documents/${id}/versions/1?format=text`).set(drafter.auth).expect(200);
    expect(text.text).toBe(lines.join('\n') + '\n'); // a line per paragraph, as Word saves it as text
  });

  it('answers a damaged or truncated .docx with a 4xx that says so, never a 500', async () => {
    const id = await newDocument();
    const good = await docxOfLines(['第一条 完整的条文。']);
    for (const cut of [good.length - 10, Math.floor(good.length / 2), 40]) {
      const res = await t
        .http()
        .post(`/api/documents/${id}/versions`)
        .set(drafter.auth)
        .attach('file', good.subarray(0, cut), 'cut.docx');
      expect([400, 415]).toContain(res.status);
      expect(res.body.message).toMatch(/cut\.docx/);
    }
    const flipped = Buffer.from(good);
    for (let i = 60; i < flipped.length - 200; i += 7) flipped[i] ^= 0x5a;
    const res = await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .attach('file', flipped, 'flipped.docx');
    expect([400, 415]).toContain(res.status);
  });

  it('refuses a .docx whose text holds NUL or a lone surrogate (character references) with a 4xx, not a database 500', async () => {
    const id = await newDocument();
    for (const ref of ['&#0;', '&#xD800;']) {
      const docx = await docxWithDocumentXml(
        `${DOCUMENT_HEAD}<w:p><w:r><w:t>第一条 a${ref}b</w:t></w:r></w:p>${DOCUMENT_TAIL}`,
      );
      const res = await t
        .http()
        .post(`/api/documents/${id}/versions`)
        .set(drafter.auth)
        .attach('file', docx, 'refs.docx');
      expect([400, 415]).toContain(res.status);
      expect(res.body.message).toContain('refs.docx');
    }
    expect((await t.http().get(`/api/documents/${id}`).set(drafter.auth).expect(200)).body.versionCount).toBe(0);
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413 naming the setting', async () => {
    const small = await startTestApp({ MAX_UPLOAD_BYTES: String(64 * 1024) });
    try {
      const d = await small.user('drafter');
      const id = (await small.http().post('/api/documents').set(d.auth).send({ title: '小' }).expect(201)).body.id;
      const res = await small
        .http()
        .post(`/api/documents/${id}/versions`)
        .set(d.auth)
        .attach('file', Buffer.alloc(100 * 1024, '第一条 '), 'big.txt')
        .expect(413);
      expect(res.body).toMatchObject({ error: 'upload_too_large', limit: 64 * 1024 });
      expect(res.body.message).toContain('MAX_UPLOAD_BYTES');
    } finally {
      await small.close();
    }
  });

  it('stores a Chinese file name as sent (UTF-8), not as Latin-1 mojibake', async () => {
    const id = await newDocument();
    const res = await t
      .http()
      .post(`/api/documents/${id}/versions`)
      .set(drafter.auth)
      .attach('file', Buffer.from('第一条 为了规范公司的组织和行为，制定本法。\n'), '公司法2018.txt')
      .expect(201);
    expect(res.body.sourceName).toBe('公司法2018.txt');
    const list = await t.http().get(`/api/documents/${id}/versions`).set(drafter.auth).expect(200);
    expect(list.body[0].sourceName).toBe('公司法2018.txt');
  });
});
