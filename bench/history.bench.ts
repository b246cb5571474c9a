import { performance } from 'node:perf_hooks';
import { AccountsService } from '../src/accounts/accounts.service';
import type { AuthUser } from '../src/auth/auth.decorators';
import { CommentsService } from '../src/comments/comments.service';
import { DecisionsService } from '../src/comments/decisions.service';
import { ConsultationsService } from '../src/consultations/consultations.service';
import { DocumentsService } from '../src/documents/documents.service';
import { ExplanationService } from '../src/explanation/explanation.service';
import { HistoryService } from '../src/history/history.service';
import { benchApp, type BenchApp, corpusFile } from './harness';

/**
 * Issue 12: (a) the history of one clause over sixteen versions of the criminal law (≈ 600 clauses each: amend11,
 * fourteen drafts that each edit a few articles — the clause itself in three of them — then amend12), target < 50 ms;
 * (b) the 修改说明 of amend11 → amend12 as JSON, with an adopted comment behind each of the seven changed articles
 * and one whose article did not change, target < 200 ms. First request (nothing cached) and repeated requests.
 */
const CLAUSE = '第一百六十五条';
const EDITED = [
  '第二十条',
  '第五十条',
  '第八十条',
  '第一百条',
  '第一百二十条',
  '第一百四十条',
  '第二百条',
  '第二百二十条',
  '第二百五十条',
  '第二百八十条',
  '第三百条',
  '第三百二十条',
  '第三百五十条',
  '第四百条',
];
const CHANGED_IN_AMEND12 = [
  '第一百六十五条',
  '第一百六十六条',
  '第一百六十九条',
  '第三百八十七条',
  '第三百九十条',
  '第三百九十一条',
  '第三百九十三条',
];

export async function runHistoryBench(): Promise<Record<string, unknown>> {
  const amend11 = corpusFile('criminal-law-cn/2020-amend11.txt');
  const amend12 = corpusFile('criminal-law-cn/2023-amend12.txt');
  if (!amend11 || !amend12) return { skipped: 'shared/corpus is absent' };
  const app = await benchApp();
  try {
    const actor = await app.drafter();
    return {
      database: app.databaseKind,
      history: await history(app, actor, amend11, amend12),
      explanation: await explanation(app, actor, amend11, amend12),
    };
  } finally {
    await app.close();
  }
}

/** Appends words to the first paragraph of an article (its line starts with the label). */
const edit = (text: string, label: string, words: string) =>
  text.replace(new RegExp(`^(${label}[ \u3000][^\\n]*?)。`, 'mu'), `$1${words}。`);

async function history(app: BenchApp, actor: AuthUser, amend11: string, amend12: string) {
  const documents = app.app.get(DocumentsService);
  const { id } = await documents.createDocument(actor, '刑法（十六稿）');
  const add = (text: string) =>
    documents.addVersion(actor, id, { draft: { text, format: 'text', sourceFormat: 'text', sourceName: null } });
  let text = amend11;
  await add(text);
  for (const [i, label] of EDITED.entries()) {
    text = edit(text, label, `，第${i + 2}稿增加的表述`);
    if ([2, 6, 10].includes(i)) text = edit(text, CLAUSE, `，第${i + 2}稿的修改`);
    await add(text);
  }
  await add(amend12);
  const versions = await documents.listVersions(id);
  const { clauses } = await documents.getVersionClauses(id, versions.length);
  const key = clauses.find((c) => c.label === CLAUSE)!.key;
  const svc = app.app.get(HistoryService);
  const user = { ...actor };
  const first = await time(() => svc.history(user, id, key));
  const repeated = await times(10, () => svc.history(user, id, key));
  const entries = await svc.history(user, id, key);
  const blameFirst = await time(() => svc.blame(user, id, versions.length, key));
  return {
    versions: versions.length,
    clausesPerVersion: clauses.length,
    changedEntries: entries
      .filter((e) => e.change && e.change.type !== 'unchanged')
      .map((e) => `${e.versionNumber}:${e.change!.type}`),
    firstRequestMs: round(first),
    repeatedMs: summary(repeated),
    blameFirstRequestMs: round(blameFirst),
    target: 'history of one clause over 16 versions < 50 ms',
    pass: median(repeated) < 50,
  };
}

async function explanation(app: BenchApp, actor: AuthUser, amend11: string, amend12: string) {
  const documents = app.app.get(DocumentsService);
  const accounts = app.app.get(AccountsService);
  const { id } = await documents.createDocument(actor, '刑法修正案（十二）说明');
  await documents.addVersion(actor, id, {
    draft: { text: amend11, format: 'text', sourceFormat: 'text', sourceName: null },
  });
  const group = await accounts.createGroup(null, { name: `bench-${Date.now().toString(36)}`, kind: 'delegation' });
  const d = await accounts.createUser(null, {
    username: `benchd${Date.now().toString(36)}`,
    role: 'delegate',
    groupId: group.id,
    password: 'bench-password-delegate',
  });
  const delegate: AuthUser = {
    id: d.id,
    username: d.username,
    displayName: d.displayName,
    role: 'delegate',
    groupId: group.id,
  };
  await app.app.get(ConsultationsService).open(actor, id, {
    versionNumber: 1,
    title: 'bench',
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    audience: [group.id],
    visibility: 'drafters',
  });
  const { clauses } = await documents.getVersionClauses(id, 1);
  const comments = app.app.get(CommentsService);
  const ids: string[] = [];
  for (const label of [...CHANGED_IN_AMEND12, '第一条']) {
    const c = await comments.create(
      delegate,
      id,
      1,
      { clauseKey: clauses.find((x) => x.label === label)!.key, kind: 'amend', body: `关于${label}的意见` },
      `bench-${label}`,
    );
    ids.push(c.comment.id);
  }
  await documents.addVersion(actor, id, {
    draft: { text: amend12, format: 'text', sourceFormat: 'text', sourceName: null },
  });
  await app.app
    .get(DecisionsService)
    .decide(actor, ids, { outcome: 'adopted', reason: '采纳', implementedInVersion: 2 });
  const svc = app.app.get(ExplanationService);
  const json = async () => JSON.stringify(await svc.explain(id, 1, 2));
  const first = await time(json);
  const repeated = await times(10, json);
  const e = await svc.explain(id, 1, 2);
  return {
    sentence: e.sentence,
    changesListed: e.changes.length,
    commentsPlaced: e.changes.reduce((n, c) => n + c.comments.length, 0),
    flagged: e.check.adoptedNotCarriedOut.length,
    firstRequestMs: round(first),
    repeatedMs: summary(repeated),
    target: 'explanation amend11 → amend12 (JSON) < 200 ms',
    pass: first < 200 && median(repeated) < 200,
  };
}

async function time(fn: () => unknown): Promise<number> {
  const s = performance.now();
  await fn();
  return performance.now() - s;
}

async function times(n: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await time(fn));
  return out;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;
const summary = (xs: number[]) => ({
  median: round(median(xs)),
  min: round(Math.min(...xs)),
  max: round(Math.max(...xs)),
});

if (require.main === module) {
  runHistoryBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => (console.error(e), process.exit(1)),
  );
}
