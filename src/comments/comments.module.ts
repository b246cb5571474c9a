import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module';
import { DocumentsModule } from '../documents/documents.module';
import { JobsModule } from '../jobs/jobs.module';
import { AnchorsRepository } from './anchors.repository';
import { CarryService } from './carry.service';
import { CommentsReadRepository } from './comments-read.repository';
import { CommentsReadService } from './comments-read.service';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';
import { WholeClauseBatcher } from './whole-clause-batcher';

@Module({
  imports: [DocumentsModule, ConsultationsModule, JobsModule],
  controllers: [CommentsController],
  providers: [
    WholeClauseBatcher,
    CommentsService,
    CommentsReadService,
    DecisionsService,
    CommentsRepository,
    CommentsReadRepository,
    DecisionsRepository,
    AnchorsRepository,
    CarryService,
  ],
  exports: [CommentsReadService, CarryService, CommentsRepository],
})
export class CommentsModule {}
