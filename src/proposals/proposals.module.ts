import { Module } from '@nestjs/common';
import { DiffModule } from '../diff/diff.module';
import { DocumentsModule } from '../documents/documents.module';
import { ProposalsController } from './proposals.controller';
import { ProposalsRepository } from './proposals.repository';
import { ProposalsService } from './proposals.service';

/** From adopted suggestions to the candidate for the next draft (issue 13). */
@Module({
  imports: [DocumentsModule, DiffModule],
  controllers: [ProposalsController],
  providers: [ProposalsService, ProposalsRepository],
})
export class ProposalsModule {}
