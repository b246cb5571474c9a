import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp, type TestUser, uniq } from '../support/app';
import { postComment, scenario, V1 } from '../comments/helpers';

/**
 * Walks every route of the OpenAPI document as an admin, a drafter, a delegate and anonymously: first with plausible
 * values, then with one bad value at a time in each path parameter, query parameter and JSON body field (NUL, a lone
 * surrogate, integers past int4, "0x2", " 2", "1e20", nesting 100 deep), then with odd but storable values (wrong JSON
 * types, very long strings). Nothing may answer 5xx, and no bad value may be accepted (2xx/3xx).
 */

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const BAD_TEXT = ['a\u0000b', 'x\ud800'];
// A lone surrogate's bytes are not UTF-8: a path segment with them cannot be decoded; a query string decodes them to
// U+FFFD, which is storable, so there they are no bad value.
const BAD_PATH_TEXT = ['a%00b', '%ED%B0%80'];
const BAD_QUERY_TEXT = ['a%00b'];
const BAD_NUMBERS: unknown[] = ['0x2', ' 2', '-1', 2147483648, 1e20, 1.5];
const BAD_QUERY_NUMBERS = ['2147483648', '99999999999999999999', '0x2', '%202', '1e20'];
/** Not necessarily wrong (a long text may be fine), only never a 5xx. */
const ODD_VALUES: unknown[] = ['x'.repeat(20_000), 12345, null, [], [{}], { a: 'b' }];
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Routes that change what later requests can do (a revoked token, a closed window) go last. */
const LAST = [/\/withdraw$/, /\/close$/, /\/logout$/];
const order = (path: string) => LAST.findIndex((re) => re.test(path));

interface Attempt {
  role: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** What is wrong with the request (it must be refused), or null. */
  bad: string | null;
  /** What is odd about it (it may be taken or refused, but never with a 5xx). */
  odd?: string;
  status?: number;
  answer?: string;
}

describe('every route of the OpenAPI document, walked with bad values (HTTP, real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('never answers 5xx and never accepts a bad value, for any role', async () => {
    const api = (await t.http().get('/api/openapi.json').expect(200)).body as OpenApi;
    const s = await scenario(t);
    const admin = await t.admin();
    const comment = (
      await postComment(t, s.a1, s.doc, 1, { clauseKey: s.key('便民利民'), kind: 'remark', body: '意见' }).expect(201)
    ).body.id as string;
    const clauseKey = s.key('便民利民');

    const resolve = (schema: Schema): Schema => {
      if (schema.$ref) return resolve(api.components.schemas[schema.$ref.split('/').pop()!]);
      if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
      return schema;
    };
    /**
     * Plausible values by field name, where the schema alone cannot tell. Names and titles are unique and nothing is
     * released to every delegate: on a server the database is shared with the other test files (the browser tests
     * look for documents by title).
     */
    const byName: Record<string, unknown> = {
      clauseKey,
      previousKey: null,
      text: V1,
      format: 'text',
      commentIds: [comment],
      groupId: s.a1.groupId,
      audience: [s.a1.groupId],
      title: uniq('walk-doc'),
      username: uniq('walk'),
      name: uniq('walk-group'),
      password: 'password-123',
      csv: 'username,displayName,role,group,password\n',
      versionNumber: 1,
      basedOn: 1,
      implementedInVersion: 1,
      documentId: s.doc,
      from: 1,
      to: 1,
      number: 1,
    };
    const sample = (schema: Schema, name: string): unknown => {
      const sch = resolve(schema);
      if (name in byName) return byName[name];
      if (sch.example !== undefined) return sch.example;
      if (sch.enum) return sch.enum[0];
      if (sch.oneOf) return sample(sch.oneOf[0], name);
      if (sch.type === 'object' || sch.properties) {
        return Object.fromEntries(Object.entries(sch.properties ?? {}).map(([k, v]) => [k, sample(v, k)]));
      }
      if (sch.type === 'array') return [sample(sch.items ?? {}, name)];
      if (sch.type === 'number' || sch.type === 'integer') return 1;
      if (sch.type === 'boolean') return true;
      return `walk ${name}`;
    };
    /** Every leaf of a body sample, by path, with whether the schema says it is a number. */
    const leaves = (schema: Schema, prefix: string[] = []): { path: string[]; number: boolean }[] => {
      const sch = resolve(schema);
      if (sch.properties) return Object.entries(sch.properties).flatMap(([k, v]) => leaves(v, [...prefix, k]));
      return [{ path: prefix, number: sch.type === 'number' || sch.type === 'integer' }];
    };
    const withLeaf = (body: unknown, path: string[], value: unknown): unknown => {
      if (!path.length) return value;
      const o = { ...(body as Record<string, unknown>) };
      o[path[0]] = withLeaf(o[path[0]] ?? {}, path.slice(1), value);
      return o;
    };
    const pathValue = (route: string, name: string) => {
      if (name === 'number') return '1';
      if (route.startsWith('/api/documents/')) return s.doc;
      if (route.startsWith('/api/consultations/')) return s.consultation.id as string;
      if (route.startsWith('/api/comments/')) return comment;
      return randomUUID();
    };

    const attempts: Attempt[] = [];
    const routes = Object.entries(api.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    routes.sort((a, b) => order(a.path) - order(b.path));
    for (const { path, method, op } of routes) {
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const fill = (bad?: { name: string; value: string }) =>
        path.replace(/\{(\w+)\}/g, (_, name: string) => (bad?.name === name ? bad.value : pathValue(path, name)));
      const query = Object.fromEntries(
        queryParams.filter((p) => p.required).map((p) => [p.name, String(sample(p.schema ?? {}, p.name))]),
      );
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const body = bodySchema ? sample(bodySchema, '') : undefined;
      const base = { method, path: fill(), query, body };
      const variants: Omit<Attempt, 'role'>[] = [{ ...base, bad: null }];
      for (const p of pathParams) {
        const values = p.schema?.type === 'number' ? [...BAD_QUERY_NUMBERS, ...BAD_PATH_TEXT] : BAD_PATH_TEXT;
        for (const value of values)
          variants.push({ ...base, path: fill({ name: p.name, value }), bad: `path ${p.name}=${value}` });
      }
      for (const p of queryParams) {
        const values = p.schema?.type === 'number' ? BAD_QUERY_NUMBERS : BAD_QUERY_TEXT;
        for (const value of values)
          variants.push({ ...base, query: { ...query, [p.name]: value }, bad: `query ${p.name}=${value}` });
        variants.push({
          ...base,
          query: { ...query, [p.name]: 'x'.repeat(5000) },
          bad: null,
          odd: `query ${p.name}=x×5000`,
        });
      }
      if (bodySchema) {
        for (const leaf of leaves(bodySchema)) {
          for (const value of leaf.number ? BAD_NUMBERS : BAD_TEXT) {
            variants.push({
              ...base,
              body: withLeaf(body, leaf.path, value),
              bad: `body ${leaf.path.join('.')}=${JSON.stringify(value)}`,
            });
          }
          for (const value of ODD_VALUES) {
            variants.push({
              ...base,
              body: withLeaf(body, leaf.path, value),
              bad: null,
              odd: `body ${leaf.path.join('.')}=${JSON.stringify(value).slice(0, 20)}`,
            });
          }
        }
        variants.push({ ...base, body: undefined, rawBody: `{"deep":${deepJson(100)}}`, bad: 'body nested 100 deep' });
      }
      // Odd values go to the roles that can reach the most code; a delegate and an anonymous caller get the rest.
      const roles: [string, TestUser | null, boolean][] = [
        ['admin', admin, true],
        ['drafter', s.drafter, true],
        ['delegate', s.a1, false],
        ['anonymous', null, false],
      ];
      for (const [role, user, odd] of roles) {
        for (const v of variants) {
          if (v.odd && !odd) continue;
          const attempt = { ...v, role };
          attempts.push(attempt);
          await send(t, attempt, user);
        }
      }
    }
    const wrong = attempts.filter((a) => a.status! >= 500 || (a.bad && a.status! < 400));
    expect(
      wrong.map(
        (a) =>
          `${a.role} ${a.method.toUpperCase()} ${a.path} ${a.bad ?? a.odd ?? 'plausible values'} → ${a.status} ${a.answer}`,
      ),
    ).toEqual([]);
    // the walk reached past authentication: plausible requests succeeded for someone on most routes
    const succeeded = new Set(
      attempts.filter((a) => !a.bad && !a.odd && a.status! < 300).map((a) => `${a.method} ${a.path}`),
    );
    expect(succeeded.size).toBeGreaterThan(routes.length * 0.7);
  }, 300_000); // about 1,700 requests: 10–20 s alone, longer beside the rest of the suite
});

async function send(t: TestApp, a: Attempt, user: TestUser | null): Promise<void> {
  const qs = Object.entries(a.query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${/%[0-9A-F]{2}/.test(v) ? v : encodeURIComponent(v)}`)
    .join('&');
  const url = qs ? `${a.path}?${qs}` : a.path;
  let req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[a.method](url);
  if (user) req = req.set(user.auth);
  if (a.method === 'post' && /\/comments$/.test(a.path)) req = req.set('Idempotency-Key', randomUUID());
  if (a.rawBody !== undefined) req = req.set('Content-Type', 'application/json').send(a.rawBody);
  else if (a.body !== undefined) req = req.send(a.body as object);
  if (/\/events$/.test(a.path)) {
    // An event stream that opens does not end: give it half a second, then count it as accepted (2xx). A refused
    // request is answered (4xx) long before that.
    try {
      const res = await req.timeout({ deadline: 500 });
      a.status = res.status;
      a.answer = res.status >= 400 ? JSON.stringify(res.body).slice(0, 200) : '';
    } catch (e) {
      if (!(e as { timeout?: number }).timeout) throw e;
      a.status = 200;
      a.answer = '';
    }
    return;
  }
  const res = await req;
  a.status = res.status;
  a.answer = res.status >= 400 ? JSON.stringify(res.body).slice(0, 200) : '';
}
