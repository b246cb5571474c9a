/**
 * The demo on first start of an empty embedded database: sixteen drafts, the 讨论稿 and the 修改稿, comments from both
 * delegations and the drafting group's decisions — so that any clause's history is a real path and the 修改说明 has
 * comments behind its changes (and one adopted comment its version did not carry out).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createApp, type RunningApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { openDatabase } from '../../src/database/data-source';
import { DEMO_USERS } from '../../src/demo/demo-loader';
import { DEMO_VERSIONS } from '../../src/demo/demo-texts';

interface Entry {
  versionLabel: string;
  change: { type: string } | null;
  comments: { body: string; decision: { outcome: string } | null }[];
}

describe('the demo', () => {
  let running: RunningApp;
  let dataDir: string;
  let auth: { Authorization: string };
  let doc: string;
  const http = () => request(running.app.getHttpServer());

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'draftline-demo-'));
    const config = loadConfig({ DATA_DIR: dataDir, DEMO: 'auto', LOG_LEVEL: 'silent' });
    const started = Date.now();
    running = await createApp(config, { db: await openDatabase({ databaseUrl: null, dataDir }), quiet: true });
    console.log(`demo: embedded database created, migrated and loaded in ${Date.now() - started} ms`);
    const drafter = DEMO_USERS.find((u) => u.username === 'drafter')!;
    const token = (
      await http().post('/api/auth/login').send({ username: drafter.username, password: drafter.password }).expect(200)
    ).body.token;
    auth = { Authorization: `Bearer ${token}` };
    doc = (await http().get('/api/documents').set(auth).expect(200)).body[0].id;
  }, 240_000);
  afterAll(async () => {
    await running?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('has sixteen drafts, the 讨论稿 and the 修改稿', async () => {
    const versions = (await http().get(`/api/documents/${doc}/versions`).set(auth).expect(200)).body;
    expect(versions.map((v: { label: string }) => v.label)).toEqual(DEMO_VERSIONS.map((v) => v.label));
    expect(versions[0].label).toBe('第一稿');
    expect(versions[15].label).toBe('第十六稿');
  });

  it("tells a clause's path through the drafts with the comments that shaped it", async () => {
    const clauses = (await http().get(`/api/documents/${doc}/versions/18`).set(auth).expect(200)).body.clauses.flatMap(
      (m: { children: unknown[] }) => [m, ...m.children],
    );
    const keyOf = (start: string) => clauses.find((c: { text: string }) => c.text.startsWith(start)).key;
    const reward: Entry[] = (
      await http()
        .get(`/api/documents/${doc}/clauses/${keyOf('培育行业领军企业')}/history`)
        .set(auth)
        .expect(200)
    ).body;
    const changed = reward
      .filter((e) => e.change && e.change.type !== 'unchanged')
      .map((e) => [e.versionLabel, e.change!.type]);
    expect(changed).toEqual([
      ['第一稿', 'added'],
      ['第十六稿', 'modified'],
      ['修改稿', 'modified'],
    ]);
    expect(reward[16].comments.map((c) => c.decision?.outcome)).toEqual(['adopted', 'adopted']);
    const platform: Entry[] = (
      await http()
        .get(`/api/documents/${doc}/clauses/${keyOf('支持创新平台建设')}/history`)
        .set(auth)
        .expect(200)
    ).body;
    expect(platform[5].change!.type).toBe('split');
    const skills: Entry[] = (
      await http()
        .get(`/api/documents/${doc}/clauses/${keyOf('培育技术技能人才')}/history`)
        .set(auth)
        .expect(200)
    ).body;
    expect(skills[7].change!.type).toBe('merged');
    const trade: Entry[] = (
      await http()
        .get(`/api/documents/${doc}/clauses/${keyOf('优化进出口结构')}/history`)
        .set(auth)
        .expect(200)
    ).body;
    expect(trade[9].change!.type).toBe('moved');
  });

  it("explains the 修改稿 with the delegates' comments behind its changes, and finds the adopted one it did not carry out", async () => {
    const e = (await http().get(`/api/documents/${doc}/explanation?from=17&to=18`).set(auth).expect(200)).body;
    expect(e.sentence).toBe('共修改3条。'); // the title's （讨论稿） → （修改稿） and the two clauses
    const bodies = e.changes.flatMap((c: { comments: { body: string }[] }) => c.comments.map((x) => x.body));
    expect(bodies).toEqual(
      expect.arrayContaining([
        '奖励标准不够明确，建议写明奖励额度。',
        '建议明确奖励的具体金额。',
        '“遏制”力度不够，建议设定租金涨幅上限。',
      ]),
    );
    expect(
      e.check.adoptedNotCarriedOut.map((x: { comment: { body: string }; reason: string }) => [
        x.comment.body,
        x.reason,
      ]),
    ).toEqual([['赞成新增此条，建议配套跨境电商人才培训。', 'unchanged']]);
    const all = (await http().get(`/api/documents/${doc}/explanation?from=1&to=16`).set(auth).expect(200)).body;
    expect(all.summary).toMatchObject({ split: 1, merged: 1, moved: expect.any(Number) });
    expect(all.changes.some((c: { comments: unknown[] }) => c.comments.length > 0)).toBe(true);
  });
});
