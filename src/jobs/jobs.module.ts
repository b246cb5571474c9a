import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsRunner } from './jobs.runner';
import { JobsService } from './jobs.service';

@Module({
  controllers: [JobsController],
  providers: [JobsService, JobsRepository, JobsRunner],
  exports: [JobsService, JobsRunner],
})
export class JobsModule {}
