import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { VersionAccess } from '../consultations/version-access';
import type { CreateVersionDto } from './documents.dto';
import { DocumentsService } from './documents.service';
import { fromJson, fromUpload, type UploadedFile } from './version-input';

/**
 * The version routes' use cases, composed from the documents service, the reading rules of consultations and the
 * input readers, so that the controller only translates HTTP.
 */
@Injectable()
export class VersionRequests {
  constructor(
    private readonly documents: DocumentsService,
    private readonly access: VersionAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new version from a JSON body's text or from an uploaded file (which wins when both are sent). */
  async add(user: AuthUser, documentId: string, dto: CreateVersionDto, file: UploadedFile | undefined) {
    const draft = file ? await fromUpload(file, this.config) : fromJson(dto.text, dto.format, this.config.maxTextBytes);
    return this.documents.addVersion(user, documentId, {
      draft, label: dto.label, note: dto.note, stage: dto.stage, basedOn: dto.basedOn, implements: dto.implements,
    });
  }

  /** A version with its clause tree, if the user may read it. */
  async read(user: AuthUser, documentId: string, number: number) {
    await this.access.assertCanRead(user, documentId, number);
    return this.documents.getVersion(documentId, number);
  }

  /** A version's text, if the user may read it. */
  async text(user: AuthUser, documentId: string, number: number): Promise<string> {
    await this.access.assertCanRead(user, documentId, number);
    return this.documents.getVersionText(documentId, number);
  }
}
