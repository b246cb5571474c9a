import type { DestinationStream } from 'pino';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from './accounts/accounts.module';
import { AuthGuard } from './auth/auth.guard';
import { CommentsModule } from './comments/comments.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { requestIdOf } from './common/request-id';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import type { OpenDatabase } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { ReadConsistencyInterceptor } from './database/read-consistency.interceptor';
import { DiffModule } from './diff/diff.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { ExplanationModule } from './explanation/explanation.module';
import { HistoryModule } from './history/history.module';
import { HttpCacheModule } from './http-cache/http-cache.module';
import { LiveModule } from './live/live.module';
import { ProposalsModule } from './proposals/proposals.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  /** `logStream`: where the JSON log lines go (standard output when absent; tests read them from a stream). */
  static create(config: AppConfig, db: OpenDatabase, logStream?: DestinationStream): DynamicModule {
    const pinoHttp = httpLogOptions(config);
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // With logging off, skip the per-request logger middleware altogether rather than run it to print nothing.
          ...(config.logLevel === 'silent' ? { forRoutes: [] } : {}),
          pinoHttp: logStream ? [pinoHttp, logStream] : pinoHttp,
        }),
        DatabaseModule.forOpenDatabase(db),
        HttpCacheModule,
        HealthModule,
        AccountsModule,
        DocumentsModule,
        DiffModule,
        CommentsModule,
        ReportsModule,
        HistoryModule,
        LiveModule,
        ExplanationModule,
        ProposalsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadConsistencyInterceptor },
      ],
      exports: [APP_CONFIG],
    };
  }
}

/** The request logger's settings (pino-http): one line per answer, without credentials. */
export function httpLogOptions(config: AppConfig) {
  return {
    level: config.logLevel,
    genReqId: requestIdOf,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    autoLogging: { ignore: (req: { url?: string }) => req.url === '/api/health' },
    customProps: () => ({ service: 'draftline' }),
    serializers: {
      // an event stream's one-use ticket is dead once used, but has no place in logs either
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.replace(/([?&]ticket=)[^&]*/, '$1[redacted]'),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
