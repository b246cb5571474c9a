import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-responses';
import { JobResponseDto } from './jobs.responses';
import { Roles } from '../auth/auth.decorators';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Roles('admin', 'drafter')
  @Get()
  @ApiQuery({ name: 'documentId', required: true })
  @ApiOperation({ summary: "A document's background jobs still running (and those finished in the last ten minutes)" })
  @ApiOkResponse({ type: [JobResponseDto] })
  @ApiAuthErrors()
  list(@Query('documentId') documentId: string) {
    return this.jobs.forDocument(documentId ?? '');
  }

  @Roles('admin', 'drafter')
  @Get(':id')
  @ApiOperation({ summary: 'Progress of a background job: status, done/total, progress in [0, 1]' })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiAuthErrors(404)
  get(@Param('id') id: string) {
    return this.jobs.get(id);
  }
}
