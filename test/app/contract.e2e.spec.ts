import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Response } from 'supertest';
import { ContractValidator, type OpenApiDocument, toJsonSchema } from '../support/contract';
import { startTestApp, type TestApp } from '../support/app';

const COMMITTED = path.resolve(__dirname, '../../openapi.json');
const answer = (status: number, body: unknown, type = 'application/json; charset=utf-8') =>
  ({
    status,
    headers: { 'content-type': type },
    body,
    text: typeof body === 'string' ? body : JSON.stringify(body),
  }) as unknown as Response;

/**
 * The OpenAPI document is the contract the web app's types are generated from (web/src/api/schema.d.ts) and that
 * every HTTP test validates responses against (test/support/contract.ts). These tests pin the contract itself.
 */
describe('the API contract (OpenAPI document, HTTP, real database)', () => {
  let t: TestApp;
  let contract: ContractValidator;
  beforeAll(async () => {
    t = await startTestApp();
    contract = new ContractValidator((await t.http().get('/api/openapi.json').expect(200)).body as OpenApiDocument);
  });
  afterAll(() => t?.close());

  it('serves the document committed as openapi.json (run "npm run contract" after changing a route or DTO)', async () => {
    const served = (await t.http().get('/api/openapi.json').expect(200)).body;
    expect(served).toEqual(JSON.parse(fs.readFileSync(COMMITTED, 'utf8')));
  });

  it('documents every route with a success answer and the error body', () => {
    const doc = contract.document;
    for (const [route, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const statuses = Object.keys(op.responses);
        expect({ route, method, success: statuses.some((s) => /^2\d\d$/.test(s)) }).toEqual({
          route,
          method,
          success: true,
        });
        expect(op.responses.default?.content?.['application/json']?.schema).toEqual({
          $ref: '#/components/schemas/ErrorResponseDto',
        });
      }
    }
  });

  // The drift that started issue 9: the web app read `memberCount` while the server sends `members`.
  it('sends groups with `members` and users with their group name, as the generated web types say', async () => {
    const admin = await t.admin();
    const delegate = await t.user('delegate', { group: '第九代表团' });
    const groups = (await t.http().get('/api/groups').set(admin.auth).expect(200)).body as {
      name: string;
      members: number;
    }[];
    expect(groups.find((g) => g.name === '第九代表团')).toMatchObject({ members: 1 });
    const users = (await t.http().get('/api/users').set(admin.auth).expect(200)).body as {
      id: string;
      groupName: string | null;
    }[];
    expect(users.find((u) => u.id === delegate.id)).toMatchObject({ groupName: '第九代表团' });
    // Each response above was validated against the document; one shaped as the old web types expected is refused.
    const drifted = [{ id: delegate.groupId, name: '第九代表团', kind: 'delegation', memberCount: 1 }];
    expect(contract.check('get', '/api/groups', answer(200, drifted)).join('\n')).toMatch(
      /must have required property 'members'|must NOT have additional properties/,
    );
  });

  it('refuses answers the document does not declare: a field, a status, a media type, a null where none may be', () => {
    const user = {
      id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      username: 'x',
      displayName: 'x',
      role: 'admin',
      groupId: null,
      groupName: null,
      disabled: false,
    };
    expect(contract.check('get', '/api/auth/me', answer(200, user))).toEqual([]);
    expect(contract.check('get', '/api/auth/me', answer(200, { ...user, extra: 1 }))).not.toEqual([]);
    expect(contract.check('get', '/api/auth/me', answer(200, { ...user, username: null }))).not.toEqual([]);
    expect(contract.check('get', '/api/auth/me', answer(200, { ...user, role: 'owner' }))).not.toEqual([]);
    expect(contract.check('get', '/api/auth/me', answer(201, user))).toEqual([
      expect.stringMatching(/declares no 201 answer/),
    ]);
    expect(contract.check('get', '/api/auth/me', answer(200, 'x', 'text/plain'))).toEqual([
      expect.stringMatching(/declares application\/json/),
    ]);
    // errors: any error status is the filter's body
    expect(contract.check('get', '/api/auth/me', answer(418, { error: 'teapot', message: 'short and stout' }))).toEqual(
      [],
    );
    expect(contract.check('get', '/api/auth/me', answer(404, { message: 'no code' }))).not.toEqual([]);
  });

  it('reads OpenAPI 3.0 schemas as JSON Schema: nullable, $ref to components, closed objects', () => {
    expect(toJsonSchema({ type: 'string', nullable: true })).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] });
    expect(toJsonSchema({ nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/X' }] })).toEqual({
      anyOf: [{ allOf: [{ $ref: 'openapi#/definitions/X' }] }, { type: 'null' }],
    });
    expect(
      toJsonSchema({ type: 'object', properties: { a: { type: 'integer', example: 1 } }, required: ['a'] }),
    ).toEqual({
      type: 'object',
      properties: { a: { type: 'integer' } },
      required: ['a'],
      additionalProperties: false,
    });
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true })).toEqual({
      anyOf: [{ type: 'string', enum: ['a', null] }, { type: 'null' }],
    });
  });
});
