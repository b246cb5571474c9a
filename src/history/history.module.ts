import { Module } from '@nestjs/common';
import { DiffModule } from '../diff/diff.module';
import { DocumentsModule } from '../documents/documents.module';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

/** Clause history across versions (issue 12); reads what documents, diffs and comments stored. */
@Module({
  imports: [DocumentsModule, DiffModule],
  controllers: [HistoryController],
  providers: [HistoryService, HistoryRepository],
})
export class HistoryModule {}
