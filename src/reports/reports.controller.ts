import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { DomainError, ErrorCode } from '../common/domain-error';
import { toCsv, toDocx, toXlsx } from './disposition-report';
import { ReportsService } from './reports.service';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/consultations')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Roles('admin', 'drafter')
  @Get(':id/report')
  @ApiOperation({ summary: '意见采纳情况汇总表: rows by clause, plus counts by decision and by group' })
  @ApiQuery({ name: 'format', enum: ['json', 'csv', 'xlsx', 'docx'], required: false })
  async report(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query('format') format = 'json') {
    if (!['json', 'csv', 'xlsx', 'docx'].includes(format)) throw new DomainError(ErrorCode.ValidationFailed, 'format must be json, csv, xlsx or docx.');
    const r = await this.reports.build(user, id);
    if (format === 'json') return r;
    const file = format === 'csv' ? toCsv(r) : format === 'xlsx' ? await toXlsx(r) : await toDocx(r);
    return new StreamableFile(file, {
      type: TYPES[format as keyof typeof TYPES],
      disposition: `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(`意见采纳情况汇总表.${format}`)}`,
    });
  }
}
