import { Controller, Get, Param, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { ApiAuthErrors } from '../common/api-responses';
import { downloadFile } from '../common/download';
import { DiffRequests } from './diff-requests.service';
import { DiffQueryDto } from './diff.dto';
import { DiffResponseDto } from './diff.responses';

@ApiTags('diff')
@ApiBearerAuth()
@ApiExtraModels(DiffResponseDto)
@Controller('api/documents')
export class DiffController {
  constructor(private readonly diffs: DiffRequests) {}

  @Get(':id/diff')
  @ApiOperation({
    summary: 'Clause-by-clause diff of two versions: JSON, a redline HTML page, the 修改前后对照表 (.docx), a unified patch, or version B as a .docx with tracked changes from A (docx-revisions)',
  })
  @ApiOkResponse({
    description: 'format=json (default): the diff; html: a self-contained redline page; docx: the 修改前后对照表 (attachment); patch: a unified diff; docx-revisions: version B as a .docx whose differences from A are Word tracked changes (attachment)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(DiffResponseDto) } },
      'text/html': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
      'text/x-diff': { schema: { type: 'string' } },
    },
  })
  @ApiAuthErrors(404)
  async diff(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() q: DiffQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DiffResponseDto | string | StreamableFile> {
    const answer = await this.diffs.compare(user, id, q.from, q.to, q.format);
    if (answer.kind === 'json') return answer.body;
    if (answer.kind === 'file') return downloadFile(answer.file);
    if (answer.contentSecurityPolicy) res.setHeader('Content-Security-Policy', answer.contentSecurityPolicy);
    res.type(answer.mediaType);
    return answer.body;
  }
}
