import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Roles('admin', 'drafter')
  @Get(':id')
  @ApiOperation({ summary: 'Progress of a background job: status, done/total, progress in [0, 1]' })
  get(@Param('id') id: string) {
    return this.jobs.get(id);
  }
}
