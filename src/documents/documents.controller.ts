import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CACHED_ANSWER_HEADERS, sendRepresentation } from '../http-cache/send-representation';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiAuthErrors } from '../common/api-responses';
import { VersionNumberPipe } from '../common/strict-number';
import { CorrectAlignmentDto, CreateDocumentDto, CreateVersionDto, VersionQueryDto } from './documents.dto';
import {
  AddedVersionResponseDto,
  AlignmentResponseDto,
  DocumentResponseDto,
  ReferenceWarningDto,
  VersionResponseDto,
  VersionWithClausesResponseDto,
} from './documents.responses';
import { DocumentsService } from './documents.service';
import { UploadLimitInterceptor } from './upload-limit.interceptor';
import type { UploadedFile as Upload } from './version-input';
import { VersionRequests } from './version-requests.service';

@ApiTags('documents')
@ApiBearerAuth()
@ApiExtraModels(VersionWithClausesResponseDto)
@Controller('api/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly versionRequests: VersionRequests,
  ) {}

  @Roles('admin', 'drafter')
  @Post()
  @ApiCreatedResponse({ type: DocumentResponseDto })
  @ApiAuthErrors()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDocumentDto): Promise<DocumentResponseDto> {
    return this.documents.createDocument(user, dto.title, dto.description);
  }

  @Get()
  @ApiOperation({ summary: 'Documents; a delegate sees those with a version released to them' })
  @ApiOkResponse({ type: [DocumentResponseDto] })
  @ApiAuthErrors()
  list(@CurrentUser() user: AuthUser): Promise<DocumentResponseDto[]> {
    return this.documents.listDocuments(user);
  }

  @Get(':id')
  @ApiOkResponse({ type: DocumentResponseDto })
  @ApiAuthErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<DocumentResponseDto> {
    return this.documents.getDocumentFor(user, id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'The version timeline; a delegate sees only versions released to them' })
  @ApiOkResponse({ type: [VersionResponseDto] })
  @ApiAuthErrors(404)
  versions(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<VersionResponseDto[]> {
    return this.documents.listVersionsFor(user, id);
  }

  @Roles('admin', 'drafter')
  @Post(':id/versions')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({
    summary: 'Add a version: JSON {text, format} or a multipart upload of a .txt, .md or .docx in "file"',
  })
  @ApiCreatedResponse({ type: AddedVersionResponseDto })
  @ApiAuthErrors(404, 413, 415, 422)
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  addVersion(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: CreateVersionDto,
    @UploadedFile() file?: Upload,
  ): Promise<AddedVersionResponseDto> {
    return this.versionRequests.add(user, id, dto, file);
  }

  @Get(':id/versions/:number')
  @ApiOperation({
    summary: 'A version with its clause tree; ?format=text returns the document text',
    description:
      'Cached bytes with a strong ETag (If-None-Match: 304), gzip or brotli when accepted. Cache-Control: the text is ' +
      'kept for a year (immutable); the tree for an hour (immutable) by a delegate, and revalidated every time by the drafting ' +
      "group (an alignment correction renames keys). The reader's access is checked on every request.",
  })
  @ApiOkResponse({
    description: 'JSON: the version with its clauses; format=text: the text as stored',
    headers: CACHED_ANSWER_HEADERS,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(VersionWithClausesResponseDto) } },
      'text/plain': { schema: { type: 'string' } },
    },
  })
  @ApiAuthErrors(404)
  async version(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
    @Query() q: VersionQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const answer =
      q.format === 'text'
        ? await this.versionRequests.text(user, id, number)
        : await this.versionRequests.read(user, id, number);
    // Sent here (cached bytes, possibly compressed, or a 304), so Nest serialises nothing; errors before this are JSON.
    return sendRepresentation(req, res, answer.representation, answer.cacheControl);
  }

  @Roles('admin', 'drafter')
  @Get(':id/versions/:number/alignment')
  @ApiOperation({ summary: 'Lineage from the based-on version into this one (continue / split / merge edges)' })
  @ApiOkResponse({ type: AlignmentResponseDto })
  @ApiAuthErrors(404)
  alignment(
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
  ): Promise<AlignmentResponseDto> {
    return this.documents.getAlignment(id, number);
  }

  @Roles('admin', 'drafter')
  @Get(':id/versions/:number/warnings')
  @ApiOperation({
    summary:
      'References this version left stale, compared with the version it is based on: [{clauseKey, path, reference, message}]',
  })
  @ApiOkResponse({ type: [ReferenceWarningDto] })
  @ApiAuthErrors(404)
  warnings(
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
  ): Promise<ReferenceWarningDto[]> {
    return this.documents.getReferenceWarnings(id, number);
  }

  @Roles('admin', 'drafter')
  @Put(':id/versions/:number/alignment')
  @ApiOperation({
    summary: 'Correct an alignment: this clause continues previousKey of the based-on version (null: it is new)',
  })
  @ApiOkResponse({ type: AlignmentResponseDto, description: 'The corrected alignment' })
  @ApiAuthErrors(404, 422)
  correct(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
    @Body() dto: CorrectAlignmentDto,
  ): Promise<AlignmentResponseDto> {
    return this.documents.correctAlignment(user, id, number, dto.clauseKey, dto.previousKey ?? null);
  }
}
