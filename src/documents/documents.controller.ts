import { Body, Controller, Get, Inject, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { VersionNumberPipe } from '../common/strict-number';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CorrectAlignmentDto, CreateDocumentDto, CreateVersionDto, VersionQueryDto } from './documents.dto';
import { VersionAccess } from '../consultations/version-access';
import { DocumentsService } from './documents.service';
import { UploadLimitInterceptor } from './upload-limit.interceptor';
import { fromJson, fromUpload, type UploadedFile as Upload } from './version-input';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly access: VersionAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Roles('admin', 'drafter')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDocumentDto) {
    return this.documents.createDocument(user, dto.title, dto.description);
  }

  @Get()
  @ApiOperation({ summary: 'Documents; a delegate sees those with a version released to them' })
  list(@CurrentUser() user: AuthUser) {
    return this.documents.listDocuments(user);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.documents.getDocumentFor(user, id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'The version timeline; a delegate sees only versions released to them' })
  versions(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.documents.listVersionsFor(user, id);
  }

  @Roles('admin', 'drafter')
  @Post(':id/versions')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({ summary: 'Add a version: JSON {text, format} or a multipart upload of a .txt, .md or .docx in "file"' })
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  async addVersion(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: CreateVersionDto,
    @UploadedFile() file?: Upload,
  ) {
    const draft = file ? await fromUpload(file, this.config) : fromJson(dto.text, dto.format, this.config.maxTextBytes);
    return this.documents.addVersion(user, id, {
      draft, label: dto.label, note: dto.note, stage: dto.stage, basedOn: dto.basedOn, implements: dto.implements,
    });
  }

  @Get(':id/versions/:number')
  @ApiOperation({ summary: 'A version with its clause tree; ?format=text returns the document text' })
  async version(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
    @Query() q: VersionQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.access.assertCanRead(user, id, number);
    if (q.format === 'text') {
      res.type('text/plain; charset=utf-8');
      return this.documents.getVersionText(id, number);
    }
    return this.documents.getVersion(id, number);
  }

  @Roles('admin', 'drafter')
  @Get(':id/versions/:number/alignment')
  @ApiOperation({ summary: 'Lineage from the based-on version into this one (continue / split / merge edges)' })
  alignment(@Param('id') id: string, @Param('number', VersionNumberPipe) number: number) {
    return this.documents.getAlignment(id, number);
  }

  @Roles('admin', 'drafter')
  @Get(':id/versions/:number/warnings')
  @ApiOperation({ summary: 'References this version left stale, compared with the version it is based on: [{clauseKey, path, reference, message}]' })
  warnings(@Param('id') id: string, @Param('number', VersionNumberPipe) number: number) {
    return this.documents.getReferenceWarnings(id, number);
  }

  @Roles('admin', 'drafter')
  @Put(':id/versions/:number/alignment')
  @ApiOperation({ summary: 'Correct an alignment: this clause continues previousKey of the based-on version (null: it is new)' })
  correct(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('number', VersionNumberPipe) number: number,
    @Body() dto: CorrectAlignmentDto,
  ) {
    return this.documents.correctAlignment(user, id, number, dto.clauseKey, dto.previousKey ?? null);
  }
}
