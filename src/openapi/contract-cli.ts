import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { astToString, COMMENT_HEADER, default as openapiTS } from 'openapi-typescript';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import type { OpenDatabase } from '../database/data-source';
import { createOpenApiDocument } from './openapi-document';

/**
 * The API contract, made at build time without a database or a server: the OpenAPI document (openapi.json at the
 * repository root) and the web app's types generated from it by openapi-typescript (web/src/api/schema.d.ts).
 *
 *   node dist/src/openapi/contract-cli.js           writes both (npm run contract)
 *   node dist/src/openapi/contract-cli.js --check   fails, naming the file, when either differs (npm run contract:check)
 *
 * Nest's preview mode resolves the modules and their routes but instantiates no provider, so the database is never
 * opened.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
export const CONTRACT_FILES = {
  document: join(ROOT, 'openapi.json'),
  webTypes: join(ROOT, 'web', 'src', 'api', 'schema.d.ts'),
};

export async function buildDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ DEMO: 'never', LOG_LEVEL: 'silent' });
  const noDatabase = {} as OpenDatabase; // never touched in preview mode
  const app = await NestFactory.create(AppModule.create(config, noDatabase), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

export async function contractFiles(): Promise<Record<keyof typeof CONTRACT_FILES, string>> {
  const document = await buildDocument();
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  return {
    document: `${JSON.stringify(document, null, 2)}\n`,
    webTypes: `${COMMENT_HEADER}// Generated from openapi.json by \`npm run contract\` (src/openapi/contract-cli.ts).\n\n${astToString(ast)}`,
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await contractFiles();
  const stale: string[] = [];
  for (const [name, path] of Object.entries(CONTRACT_FILES) as [keyof typeof CONTRACT_FILES, string][]) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current === files[name]) continue;
    if (check) stale.push(relative(ROOT, path));
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, files[name]);
      console.log(`wrote ${relative(ROOT, path)}`);
    }
  }
  if (stale.length) {
    console.error(
      `The API contract is stale: ${stale.join(', ')} differ from what the code declares. Run "npm run contract" and commit the result.`,
    );
    process.exit(1);
  }
  if (check) console.log('API contract up to date: openapi.json and web/src/api/schema.d.ts match the code.');
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
