import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiAuthErrors } from '../common/api-responses';
import { downloadFile } from '../common/download';
import { ReportQueryDto } from './reports.dto';
import { ReportResponseDto } from './reports.responses';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(ReportResponseDto)
@Controller('api/consultations')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Roles('admin', 'drafter')
  @Get(':id/report')
  @ApiOperation({ summary: '意见采纳情况汇总表: rows by clause, plus counts by decision and by group' })
  @ApiOkResponse({
    description: 'format=json (default): the report; csv, xlsx, docx: the table as a file (attachment)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReportResponseDto) } },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiAuthErrors(404)
  async report(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() q: ReportQueryDto,
  ): Promise<ReportResponseDto | StreamableFile> {
    const format = q.format ?? 'json';
    if (format === 'json') return this.reports.build(user, id);
    return downloadFile(await this.reports.file(user, id, format));
  }
}
