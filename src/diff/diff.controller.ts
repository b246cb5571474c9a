import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { VersionAccess } from '../consultations/version-access';
import { DIFF_FORMATS, DiffQueryDto, type DiffView } from './diff.dto';
import { DiffService } from './diff.service';

/** RFC 5987 value: percent-encode everything outside attr-char (encodeURIComponent leaves ' ( ) * unescaped). */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

@ApiTags('diff')
@ApiBearerAuth()
@Controller('api/documents')
export class DiffController {
  constructor(
    private readonly diffs: DiffService,
    private readonly access: VersionAccess,
  ) {}

  /** The drafting group compares any versions; a delegate only versions released to them. */
  @Get(':id/diff')
  @ApiOperation({
    summary: 'Clause-by-clause diff of two versions: JSON, a redline HTML page, the 修改前后对照表 (.docx), a unified patch, or version B as a .docx with tracked changes from A (docx-revisions)',
  })
  @ApiQuery({ name: 'from', type: Number, description: 'old version number' })
  @ApiQuery({ name: 'to', type: Number, description: 'new version number' })
  @ApiQuery({ name: 'format', enum: DIFF_FORMATS, required: false })
  @ApiProduces('application/json', 'text/html', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/x-diff')
  async diff(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() q: DiffQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DiffView | string | StreamableFile> {
    if (user.role === 'delegate') {
      for (const n of new Set([q.from, q.to])) await this.access.assertCanRead(user, id, n);
    }
    const format = q.format ?? 'json';
    if (format === 'json') return this.diffs.json(id, q.from, q.to);
    const out = await this.diffs.render(id, q.from, q.to, format);
    if (out.contentSecurityPolicy) res.setHeader('Content-Security-Policy', out.contentSecurityPolicy);
    if (typeof out.body === 'string') {
      res.type(out.mediaType);
      return out.body;
    }
    // Binary bodies go out as a StreamableFile: a bare Buffer would be serialised as JSON.
    return new StreamableFile(out.body, {
      type: out.mediaType,
      disposition: out.fileName
        ? `attachment; filename="${out.fileName.ascii}"; filename*=UTF-8''${rfc5987(out.fileName.utf8)}`
        : undefined,
    });
  }
}
