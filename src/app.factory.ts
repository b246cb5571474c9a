import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AccountsService } from './accounts/accounts.service';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { type OpenDatabase, openDatabase } from './database/data-source';
import { loadDemo } from './demo/demo-loader';

export interface RunningApp {
  app: INestApplication;
  db: OpenDatabase;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
}

/** Opens the database, migrates it, builds the Nest application and loads first-start data. Does not listen. */
export async function createApp(config: AppConfig, opts: { db?: OpenDatabase; quiet?: boolean } = {}): Promise<RunningApp> {
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    if (config.migrate) await db.dataSource.runMigrations({ transaction: 'each' });
    const app = await NestFactory.create<NestExpressApplication>(AppModule.create(config, db), {
      bufferLogs: true,
      logger: opts.quiet ? false : undefined,
    });
    if (!opts.quiet) app.useLogger(app.get(Logger));
    app.useBodyParser('json', { limit: config.maxTextBytes * 2 + 64 * 1024 });
    app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
    app.use(helmet({ contentSecurityPolicy: false }));
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    const openapi = new DocumentBuilder()
      .setTitle('draftline API')
      .setDescription('Versioned drafts with stable clause identity, diffs, consultations and comments.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), { jsonDocumentUrl: 'api/openapi.json' });
    await app.init();
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
