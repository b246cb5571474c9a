import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger, PinoLogger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import type { DestinationStream } from 'pino';
import { AccountsService } from './accounts/accounts.service';
import { AppModule, httpLogOptions } from './app.module';
import { InputHygienePipe } from './common/input-hygiene';
import { requestIdOf } from './common/request-id';
import { StrictValidationPipe } from './common/strict-number';
import type { AppConfig } from './config/app-config';
import { type OpenDatabase, openDatabase } from './database/data-source';
import { CACHE_POLICY, VARY } from './http-cache/send-representation';
import { loadDemo } from './demo/demo-loader';
import { VersionFastPath } from './documents/version-fast-path';
import { createOpenApiDocument } from './openapi/openapi-document';

export interface RunningApp {
  app: INestApplication;
  db: OpenDatabase;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
}

/** Opens the database, migrates it, builds the Nest application and loads first-start data. Does not listen. */
export async function createApp(
  config: AppConfig,
  opts: { db?: OpenDatabase; quiet?: boolean; logStream?: DestinationStream } = {},
): Promise<RunningApp> {
  const db =
    opts.db ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
    }));
  try {
    if (config.migrate) await db.dataSource.runMigrations({ transaction: 'each' });
    const app = await NestFactory.create<NestExpressApplication>(AppModule.create(config, db, opts.logStream), {
      bufferLogs: true,
      logger: opts.quiet ? false : undefined,
    });
    if (!opts.quiet) app.useLogger(app.get(Logger));
    // Every answer names its request (X-Request-Id), logged or not; the logger reuses the same id.
    app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
      requestIdOf(req, res);
      next();
    });
    if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy);
    app.useBodyParser('json', { limit: config.maxTextBytes * 2 + 64 * 1024 });
    app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
    const securityHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: CSP } });
    app.use(securityHeaders);
    // Swagger UI's page has an inline <style> and style attributes; its scripts are files, so only styles are relaxed.
    app.use(
      '/api/docs',
      helmet.contentSecurityPolicy({
        useDefaults: false,
        directives: { ...CSP, styleSrc: ["'self'", "'unsafe-inline'"] },
      }),
    );
    app.use(compressDynamic());
    // Every API answer depends on who asks and may change: clients revalidate (Express's ETag makes an unchanged
    // answer a 304). Answers of what never changes (versions, diffs) set their own policy (http-cache/).
    app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('Cache-Control', CACHE_POLICY.revalidate);
      res.setHeader('Vary', VARY);
      next();
    });
    serveWebApp(app);
    // Hygiene first: it refuses unstorable text and deep nesting before class-transformer walks the value.
    app.useGlobalPipes(
      new InputHygienePipe(),
      new StrictValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    );
    SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'api/openapi.json' });
    await app.init();
    installFastReads(app, config, securityHeaders);
    const accounts = app.get(AccountsService);
    const wantDemo = config.demo === 'always' || (config.demo === 'auto' && db.embedded);
    const demoLoaded = wantDemo ? await loadDemo(app) : false;
    if (!demoLoaded) await accounts.bootstrapAdmin(config.bootstrapAdminPassword);
    return {
      app,
      db,
      close: async () => {
        await app.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Puts VersionFastPath in front of Express: a delegate's read of a released version that every cache of this instance
 * can answer is sent from memory with what every answer carries first (request id, log line, security headers, as the
 * middleware above would add them); every other request goes to Express as before.
 */
function installFastReads(
  app: NestExpressApplication,
  config: AppConfig,
  securityHeaders: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void,
): void {
  const fast = app.get(VersionFastPath);
  // the fast path answers 200 or 304 only, which the request logger writes at info: below that level, nothing to log
  const root = PinoLogger.root as typeof PinoLogger.root | undefined;
  const logRequest =
    config.logLevel === 'silent' || (root && !root.isLevelEnabled('info'))
      ? null
      : pinoHttp({ ...httpLogOptions(config), logger: root });
  // helmet's headers do not depend on the request (no nonces here): recorded once, set as they are on each answer
  const security = recordHeaders(securityHeaders);
  const preamble = (req: IncomingMessage, res: ServerResponse) => {
    requestIdOf(req, res);
    logRequest?.(req, res);
    for (const [name, value] of security) res.setHeader(name, value);
  };
  const server: Server = app.getHttpServer();
  const express = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!fast.tryServe(req, res, preamble)) for (const listener of express) listener(req, res);
  });
}

/** The headers a middleware that only sets headers sets on any answer (a test compares them with the real ones). */
function recordHeaders(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void,
): [string, string | number | readonly string[]][] {
  const headers = new Map<string, string | number | readonly string[]>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  middleware(
    { headers: {}, method: 'GET', url: '/' } as IncomingMessage,
    recorder as unknown as ServerResponse,
    () => undefined,
  );
  return [...headers];
}

/**
 * The Content-Security-Policy of every answer, the web app's included: scripts, styles and connections only from the
 * service itself and no inline script or style at all (the app is built to files; Preact sets dynamic styles through
 * the CSSOM, which CSP allows). No upgrade-insecure-requests: a congress may run the service on plain http inside its
 * own network. The redline HTML sends a stricter policy of its own (engine/render/html.ts).
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * gzip or brotli (quality 4: fast enough for answers made per request) for every answer over 1 KB whose client accepts
 * it. Answers that arrive already encoded (cached representations, precompressed web assets) pass untouched, and so do
 * event streams, which must reach the client as each event is written.
 */
function compressDynamic() {
  return compression({
    threshold: 1024,
    filter: (req, res) =>
      !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
  });
}

/**
 * Serves the built web app (dist/web, made by `npm run build`) at `/`. Only files that exist are served, so /api
 * routes are never intercepted; the app routes by URL hash and needs no fallback beyond index.html at `/`.
 */
function serveWebApp(app: NestExpressApplication): void {
  const candidates = [resolve(__dirname, '..', 'web'), resolve(process.cwd(), 'dist', 'web')];
  const root = candidates.find((p) => basename(dirname(p)) === 'dist' && existsSync(join(p, 'index.html')));
  // Files under assets/ carry a content hash in their names, so they may be kept for a year; index.html never. The
  // build wrote each file's .br and .gz beside it: the one the browser accepts is sent (Vary: Accept-Encoding).
  if (root) {
    const files = expressStaticGzip(root, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: 'index.html',
      serveStatic: {
        setHeaders: (res: ServerResponse, file: string) =>
          res.setHeader(
            'Cache-Control',
            file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          ),
      },
    });
    // API paths never look on disk (a stat per API request would cost every read a trip to the thread pool)
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/api/')) next();
      else files(req, res, next);
    });
  } else
    new NestLogger('WebApp').warn(
      `No web app in ${candidates[1]}: run "npm run build" to build it; the API works without it.`,
    );
}
