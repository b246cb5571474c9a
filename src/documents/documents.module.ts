import { Module } from '@nestjs/common';
import { ClausesRepository } from './clauses.repository';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  controllers: [DocumentsController],
  providers: [DocumentsService, ClausesRepository],
  exports: [DocumentsService, ClausesRepository],
})
export class DocumentsModule {}
