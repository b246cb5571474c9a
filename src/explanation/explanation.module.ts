import { Module } from '@nestjs/common';
import { DiffModule } from '../diff/diff.module';
import { DocumentsModule } from '../documents/documents.module';
import { ExplanationController } from './explanation.controller';
import { ExplanationRepository } from './explanation.repository';
import { ExplanationService } from './explanation.service';

/** The 修改说明 (issue 12): reads what documents, diffs and decisions stored. */
@Module({
  imports: [DocumentsModule, DiffModule],
  controllers: [ExplanationController],
  providers: [ExplanationService, ExplanationRepository],
})
export class ExplanationModule {}
