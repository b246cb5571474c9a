import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { ApiAuthErrors } from '../common/api-responses';
import { sendDownload } from '../common/download';
import { CACHED_ANSWER_HEADERS, sendRepresentation } from '../http-cache/send-representation';
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
    summary:
      'Clause-by-clause diff of two versions: JSON, a redline HTML page, the 修改前后对照表 (.docx), a unified patch, or version B as a .docx with tracked changes from A (docx-revisions)',
    description:
      'json, html and patch are cached bytes with a strong ETag (If-None-Match: 304), gzip or brotli when accepted. ' +
      'Cache-Control: the patch is kept for a year (immutable); json and html for an hour by a delegate, and revalidated ' +
      "every time by the drafting group (an alignment correction renames keys). The reader's access is checked on every request.",
  })
  @ApiOkResponse({
    description:
      'format=json (default): the diff; html: a self-contained redline page; docx: the 修改前后对照表 (attachment); patch: a unified diff; docx-revisions: version B as a .docx whose differences from A are Word tracked changes (attachment)',
    headers: CACHED_ANSWER_HEADERS,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(DiffResponseDto) } },
      'text/html': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
        schema: { type: 'string', format: 'binary' },
      },
      'text/x-diff': { schema: { type: 'string' } },
    },
  })
  @ApiAuthErrors(404)
  async diff(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() q: DiffQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // Sent here (cached bytes, possibly compressed, or a 304; or a file), so Nest serialises nothing; errors before
    // this are JSON through the error filter.
    const answer = await this.diffs.compare(user, id, q.from, q.to, q.format);
    if (answer.kind === 'file') return sendDownload(res, answer.file);
    if (answer.contentSecurityPolicy) res.setHeader('Content-Security-Policy', answer.contentSecurityPolicy);
    return sendRepresentation(req, res, answer.representation, answer.cacheControl);
  }
}
