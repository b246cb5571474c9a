import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from './accounts/accounts.module';
import { AuthGuard } from './auth/auth.guard';
import { CommentsModule } from './comments/comments.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import type { OpenDatabase } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { DiffModule } from './diff/diff.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { ProposalsModule } from './proposals/proposals.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  static create(config: AppConfig, db: OpenDatabase): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // With logging off, skip the per-request logger middleware altogether rather than run it to print nothing.
          ...(config.logLevel === 'silent' ? { forRoutes: [] } : {}),
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
            customProps: () => ({ service: 'draftline' }),
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        DatabaseModule.forOpenDatabase(db),
        HealthModule,
        AccountsModule,
        DocumentsModule,
        DiffModule,
        CommentsModule,
        ReportsModule,
        HistoryModule,
        ProposalsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}
