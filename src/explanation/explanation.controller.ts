import { Controller, Get, Param, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { ApiAuthErrors } from '../common/api-responses';
import { downloadFile } from '../common/download';
import { ExplanationDto, ExplanationQueryDto } from './explanation.dto';
import { ExplanationService } from './explanation.service';
import { renderExplanationDocx } from './render/docx';
import { EXPLANATION_HTML_CSP, renderExplanationHtml } from './render/html';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

@ApiTags('explanation')
@ApiBearerAuth()
@ApiExtraModels(ExplanationDto)
@Controller('api/documents')
export class ExplanationController {
  constructor(private readonly explanations: ExplanationService) {}

  /**
   * The drafting group's working paper: delegates may not use the route at all (403, as for the other drafting-group
   * routes — refused on the role before anything is looked up, so it tells nothing about what exists).
   */
  @Roles('admin', 'drafter')
  @Get(':id/explanation')
  @ApiOperation({
    summary:
      '修改说明 between two versions: every change with the adopted comments behind it, the summary sentence and the reverse check',
  })
  @ApiOkResponse({
    description:
      'format=json (default): the explanation; html: a printable page; docx: the 修改说明 as Word (attachment). ' +
      '400 validation_failed also when from is later than to',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ExplanationDto) } },
      'text/html': { schema: { type: 'string' } },
      [DOCX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiAuthErrors(404)
  async explanation(
    @Param('id') id: string,
    @Query() q: ExplanationQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ExplanationDto | string | StreamableFile> {
    const e = await this.explanations.explain(id, q.from, q.to);
    switch (q.format ?? 'json') {
      case 'json':
        return e;
      case 'html':
        res.setHeader('Content-Security-Policy', EXPLANATION_HTML_CSP);
        res.type('text/html; charset=utf-8');
        return renderExplanationHtml(e);
      case 'docx':
        return downloadFile({
          body: await renderExplanationDocx(e),
          mediaType: DOCX,
          fileName: `${e.title}修改说明（${e.from.label}→${e.to.label}）.docx`,
          asciiFileName: `explanation-v${e.from.number}-v${e.to.number}.docx`,
        });
    }
  }
}
