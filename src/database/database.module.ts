import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OpenDatabase } from './data-source';
import { ReadReplicas } from './read-replicas';

export const OPEN_DATABASE = Symbol('OPEN_DATABASE');

/**
 * Hands an already opened database to Nest. Opening happens in main.ts / the test harness (so the lock and the
 * migrations run before anything listens); closing happens there too, after the HTTP server has drained.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forOpenDatabase(db: OpenDatabase): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...db.dataSource.options }),
          dataSourceFactory: (): Promise<DataSource> => Promise.resolve(db.dataSource),
        }),
      ],
      providers: [{ provide: OPEN_DATABASE, useValue: db }, ReadReplicas],
      exports: [OPEN_DATABASE, ReadReplicas],
    };
  }
}
