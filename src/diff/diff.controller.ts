import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CACHE_POLICY, sendRepresentation } from '../http-cache/send-representation';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { VersionAccess } from '../consultations/version-access';
import { DIFF_FORMATS, DiffQueryDto } from './diff.dto';
import { DIFF_HTML_CSP } from './render/html';
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
  @ApiOperation({ summary: 'Clause-by-clause diff of two versions: JSON, a redline HTML page, the 修改前后对照表 (.docx) or a unified patch' })
  @ApiQuery({ name: 'from', type: Number, description: 'old version number' })
  @ApiQuery({ name: 'to', type: Number, description: 'new version number' })
  @ApiQuery({ name: 'format', enum: DIFF_FORMATS, required: false })
  @ApiProduces('application/json', 'text/html', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/x-diff')
  async diff(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() q: DiffQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { ids: [fromId, toId], generation } = await this.access.readableVersions(user, id, [q.from, q.to]);
    const format = q.format ?? 'json';
    if (format !== 'docx') {
      // Cached bytes (sent here, so Nest does not serialise anything): the patch never changes, json and html only
      // when an alignment correction renames keys — the drafting group, who can make one, revalidates every time.
      const rep = await this.diffs.representation(id, { number: q.from, id: fromId }, { number: q.to, id: toId }, generation, format);
      if (format === 'html') res.setHeader('Content-Security-Policy', DIFF_HTML_CSP);
      const policy = format === 'patch' ? CACHE_POLICY.forever : user.role === 'delegate' ? CACHE_POLICY.released : CACHE_POLICY.revalidate;
      return sendRepresentation(req, res, rep, policy);
    }
    const out = await this.diffs.render(id, q.from, q.to, format);
    res.setHeader('Cache-Control', CACHE_POLICY.revalidate);
    res.type(out.mediaType);
    if (out.fileName) res.setHeader('Content-Disposition', `attachment; filename="${out.fileName.ascii}"; filename*=UTF-8''${rfc5987(out.fileName.utf8)}`);
    res.send(out.body);
  }
}
