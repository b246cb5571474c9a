import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { VersionAccess } from '../consultations/version-access';
import type { CreateVersionDto } from './documents.dto';
import { CACHE_POLICY, type CachedAnswer } from '../http-cache/send-representation';
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
      draft,
      label: dto.label,
      note: dto.note,
      stage: dto.stage,
      basedOn: dto.basedOn,
      implements: dto.implements,
    });
  }

  /**
   * A version with its clause tree as cached bytes, if the user may read it (checked on every request, before
   * anything cached is touched, in the one query that also names the version and the keys generation). A delegate
   * keeps it an hour; the drafting group, who can correct an alignment (renaming keys), revalidates every time.
   */
  async read(user: AuthUser, documentId: string, number: number): Promise<CachedAnswer> {
    const {
      ids: [versionId],
      generation,
    } = await this.access.readableVersions(user, documentId, [number]);
    return {
      representation: await this.documents.cachedVersion(documentId, number, versionId, generation),
      cacheControl: user.role === 'delegate' ? CACHE_POLICY.released : CACHE_POLICY.revalidate,
    };
  }

  /** A version's text as cached bytes, if the user may read it: it never changes. */
  async text(user: AuthUser, documentId: string, number: number): Promise<CachedAnswer> {
    const {
      ids: [versionId],
    } = await this.access.readableVersions(user, documentId, [number]);
    return {
      representation: await this.documents.cachedVersionText(documentId, number, versionId),
      cacheControl: CACHE_POLICY.forever,
    };
  }
}
