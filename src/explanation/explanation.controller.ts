import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { attachment } from '../common/content-disposition';
import { ExplanationDto, ExplanationErrorDto, ExplanationQueryDto } from './explanation.dto';
import { EXPLANATION_HTML_CSP, renderExplanationHtml } from './render/html';
import { renderExplanationDocx } from './render/docx';
import { ExplanationService } from './explanation.service';


@ApiTags('explanation')
@ApiBearerAuth()
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
    summary: '修改说明 between two versions: every change with the adopted comments behind it, the summary sentence and the reverse check',
  })
  @ApiProduces('application/json', 'text/html', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({ type: ExplanationDto, description: 'JSON; format=html a printable page, format=docx the 修改说明 as Word' })
  @ApiBadRequestResponse({ type: ExplanationErrorDto, description: 'validation_failed: from/to malformed, or from later than to' })
  @ApiForbiddenResponse({ type: ExplanationErrorDto, description: 'forbidden: not the drafting group' })
  @ApiNotFoundResponse({ type: ExplanationErrorDto, description: 'document_not_found, version_not_found' })
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
        return new StreamableFile(await renderExplanationDocx(e), {
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          disposition: attachment(`explanation-v${e.from.number}-v${e.to.number}.docx`, `${e.title}修改说明（${e.from.label}→${e.to.label}）.docx`),
        });
    }
  }
}
