import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module';
import { DocumentsModule } from '../documents/documents.module';
import { DiffController } from './diff.controller';
import { DiffRepository } from './diff.repository';
import { DiffRequests } from './diff-requests.service';
import { DiffService } from './diff.service';

@Module({
  imports: [DocumentsModule, ConsultationsModule],
  controllers: [DiffController],
  providers: [DiffService, DiffRepository, DiffRequests],
  exports: [DiffService],
})
export class DiffModule {}
