import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module';
import { ClausesRepository } from './clauses.repository';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { VersionHooks } from './version-hooks';

@Module({
  imports: [ConsultationsModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, ClausesRepository, VersionHooks],
  exports: [DocumentsService, ClausesRepository, VersionHooks],
})
export class DocumentsModule {}
