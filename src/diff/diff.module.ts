import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module';
import { DocumentsModule } from '../documents/documents.module';
import { LiveModule } from '../live/live.module';
import { DiffController } from './diff.controller';
import { DiffRepository } from './diff.repository';
import { DiffService } from './diff.service';

@Module({
  imports: [DocumentsModule, ConsultationsModule, LiveModule],
  controllers: [DiffController],
  providers: [DiffService, DiffRepository],
  exports: [DiffService],
})
export class DiffModule {}
