import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response, Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { TEST_OUTPUT } from './database';

/**
 * The HTTP tests hold the service to its OpenAPI document: every response the tests receive is validated against
 * the schema its route documents for that status and media type (ajv), and every documented success answer must be
 * met at least once in a full run (test/setup/global-teardown.ts). So the document cannot drift from the code.
 *
 * OpenAPI 3.0 schemas become JSON Schema here: `nullable` → a union with null, component $refs → one shared schema,
 * and objects refuse properties they do not list (additionalProperties: false unless the schema says otherwise), so
 * a field the service sends but the document does not name fails too.
 */
export const CONTRACT_DIR = path.join(TEST_OUTPUT, 'contract');
/** Each worker appends the success answers it validated here, one `METHOD path status media-type` per line. */
const coverageFile = () => path.join(CONTRACT_DIR, `validated-${process.pid}.txt`);
/** The success answers the document declares, written once per run by the first worker that validates. */
export const DOCUMENTED_FILE = path.join(CONTRACT_DIR, 'documented.json');

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const DOCUMENT_ID = 'openapi';

/** One OpenAPI 3.0 schema object as JSON Schema (draft 7, which ajv speaks by default). */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = { ...(schema as Schema) };
  if (typeof s.$ref === 'string')
    return { $ref: s.$ref.replace('#/components/schemas/', `${DOCUMENT_ID}#/definitions/`) };
  const nullable = s.nullable === true;
  delete s.nullable;
  for (const key of [
    'example',
    'examples',
    'xml',
    'externalDocs',
    'discriminator',
    'deprecated',
    'readOnly',
    'writeOnly',
  ])
    delete s[key];
  for (const key of ['allOf', 'anyOf', 'oneOf', 'items', 'not', 'additionalProperties'])
    if (key in s) s[key] = toJsonSchema(s[key]);
  if (s.properties) {
    s.properties = Object.fromEntries(Object.entries(s.properties as Schema).map(([k, v]) => [k, toJsonSchema(v)]));
    if (!('additionalProperties' in s)) s.additionalProperties = false;
  }
  // Nest writes a nullable $ref as {type: object, allOf: [{$ref}], nullable}: the type is the ref's business.
  if (s.allOf && s.type === 'object' && !s.properties) delete s.type;
  if (!nullable) return s;
  if (s.enum) s.enum = [...(s.enum as unknown[]), null];
  return { anyOf: [s, { type: 'null' }] };
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  literal: number;
  operation: Operation;
}

export class ContractValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly validated = new Set<string>();

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    const definitions = Object.fromEntries(
      Object.entries(document.components?.schemas ?? {}).map(([k, v]) => [k, toJsonSchema(v)]),
    );
    this.ajv.addSchema({ $id: DOCUMENT_ID, definitions });
    this.routes = Object.entries(document.paths).flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, operation]) => ({
        method,
        template,
        operation,
        pattern: new RegExp(
          `^${template
            .split('/')
            .map((seg) => (seg.startsWith('{') ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
            .join('/')}$`,
        ),
        literal: template.split('/').filter((seg) => seg && !seg.startsWith('{')).length,
      })),
    );
  }

  /** Every success answer the document declares: `METHOD path status media-type` (media type `-` when no body). */
  documentedSuccesses(): string[] {
    return this.routes.flatMap((r) =>
      Object.entries(r.operation.responses)
        .filter(([status]) => /^2\d\d$/.test(status))
        .flatMap(([status, resp]) =>
          Object.keys(resp.content ?? { '-': {} }).map(
            (media) => `${r.method.toUpperCase()} ${r.template} ${status} ${media}`,
          ),
        ),
    );
  }

  /** The route of a request, or null when the document does not cover the path (the web app's files, /api/docs). */
  route(method: string, url: string): Route | null {
    const pathname = decodeSafe(new URL(url, 'http://x').pathname);
    const candidates = this.routes.filter((r) => r.method === method.toLowerCase() && r.pattern.test(pathname));
    return candidates.sort((a, b) => b.literal - a.literal)[0] ?? null;
  }

  /** Problems with a response (empty when it keeps to the document), and records a success answer as validated. */
  check(method: string, url: string, res: Response): string[] {
    const route = this.route(method, url);
    if (!route) return [];
    const status = String(res.status);
    const declared =
      route.operation.responses[status] ?? (res.status >= 400 ? route.operation.responses.default : undefined);
    const where = `${method.toUpperCase()} ${route.template} → ${status}`;
    if (!declared) return [`${where}: the document declares no ${status} answer for this route`];
    const mediaType = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const content = declared.content;
    if (!content) {
      if (mediaType || (res.text ?? '').length)
        return [`${where}: the document declares no body, the service sent ${mediaType || 'one'}`];
      this.record(`${method.toUpperCase()} ${route.template} ${status} -`);
      return [];
    }
    const media = content[mediaType];
    if (!media)
      return [
        `${where}: the document declares ${Object.keys(content).join(', ')}, the service sent ${mediaType || 'no Content-Type'}`,
      ];
    if (mediaType === 'application/json' && media.schema) {
      const validate = this.validator(`${route.method} ${route.template} ${status} ${mediaType}`, media.schema);
      if (!validate(res.body)) {
        return (validate.errors ?? [])
          .slice(0, 10)
          .map((e) => `${where}: body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
      }
    }
    this.record(`${method.toUpperCase()} ${route.template} ${status} ${mediaType}`);
    return [];
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) this.compiled.set(key, (fn = this.ajv.compile(toJsonSchema(schema) as Schema)));
    return fn;
  }

  private record(key: string): void {
    if (!/ 2\d\d /.test(key) || this.validated.has(key)) return;
    this.validated.add(key);
    fs.mkdirSync(CONTRACT_DIR, { recursive: true });
    if (!fs.existsSync(DOCUMENTED_FILE))
      fs.writeFileSync(DOCUMENTED_FILE, JSON.stringify(this.documentedSuccesses(), null, 1));
    fs.appendFileSync(coverageFile(), `${key}\n`);
  }
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/**
 * A supertest agent whose every request is checked against the document when its response arrives: a response that
 * does not keep to it fails the request (and so the test) with the problems named.
 */
export function validatingAgent(agent: TestAgent, contract: ContractValidator): TestAgent {
  const wrapped = { ...agent } as unknown as Record<string, (url: string) => Test>;
  for (const method of METHODS) {
    const send = wrapped[method];
    if (typeof send !== 'function') continue;
    wrapped[method] = (url: string) =>
      send(url).expect((res: Response) => {
        const problems = contract.check(method, url, res);
        if (problems.length)
          throw new Error(`The response does not keep to the OpenAPI document:\n  ${problems.join('\n  ')}`);
      });
  }
  wrapped.del = wrapped.delete;
  return wrapped as unknown as TestAgent;
}
