import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.decorators';
import type { Download } from '../common/download';
import { VersionAccess } from '../consultations/version-access';
import { CACHE_POLICY, type CachedAnswer } from '../http-cache/send-representation';
import type { DiffFormat } from './diff.dto';
import { DIFF_HTML_CSP } from '../engine/render/html';
import { DiffService } from './diff.service';

/**
 * A comparison as the route answers it: cached bytes (JSON, a page or a patch, with how long the client may keep
 * them and, for the page, its own Content-Security-Policy), or a file to download.
 */
export type DiffAnswer =
  ({ kind: 'cached'; contentSecurityPolicy?: string } & CachedAnswer) | { kind: 'file'; file: Download };

/** The diff route's use case: who may compare what, then the comparison in the format asked for. */
@Injectable()
export class DiffRequests {
  constructor(
    private readonly diffs: DiffService,
    private readonly access: VersionAccess,
  ) {}

  /**
   * The drafting group compares any versions; a delegate only versions released to them. The access is checked on
   * every request, before anything cached is touched, in the one query that also names the versions and the keys
   * generation the cached bytes are keyed by.
   */
  async compare(
    user: AuthUser,
    documentId: string,
    from: number,
    to: number,
    format: DiffFormat = 'json',
  ): Promise<DiffAnswer> {
    const {
      ids: [fromId, toId],
      generation,
    } = await this.access.readableVersions(user, documentId, [from, to]);
    if (format === 'json' || format === 'html' || format === 'patch') {
      const representation = await this.diffs.representation(
        documentId,
        { number: from, id: fromId },
        { number: to, id: toId },
        generation,
        format,
      );
      // The patch never changes; json and html only when an alignment correction renames keys — the drafting group,
      // who can make one, revalidates every time.
      const cacheControl =
        format === 'patch'
          ? CACHE_POLICY.forever
          : user.role === 'delegate'
            ? CACHE_POLICY.released
            : CACHE_POLICY.revalidate;
      return {
        kind: 'cached',
        representation,
        cacheControl,
        contentSecurityPolicy: format === 'html' ? DIFF_HTML_CSP : undefined,
      };
    }
    const out = await this.diffs.render(documentId, from, to, format);
    const name = out.fileName ?? { ascii: `diff.${format}`, utf8: `diff.${format}` };
    return {
      kind: 'file',
      file: { body: out.body as Buffer, mediaType: out.mediaType, fileName: name.utf8, asciiFileName: name.ascii },
    };
  }
}
