import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.decorators';
import type { Download } from '../common/download';
import { VersionAccess } from '../consultations/version-access';
import type { DiffFormat, DiffView } from './diff.dto';
import { DiffService } from './diff.service';

/** A comparison as the route answers it: JSON, a page or patch (text with its media type), or a file to download. */
export type DiffAnswer =
  | { kind: 'json'; body: DiffView }
  | { kind: 'text'; body: string; mediaType: string; contentSecurityPolicy?: string }
  | { kind: 'file'; file: Download };

/** The diff route's use case: who may compare what, then the comparison in the format asked for. */
@Injectable()
export class DiffRequests {
  constructor(
    private readonly diffs: DiffService,
    private readonly access: VersionAccess,
  ) {}

  /** The drafting group compares any versions; a delegate only versions released to them. */
  async compare(user: AuthUser, documentId: string, from: number, to: number, format: DiffFormat = 'json'): Promise<DiffAnswer> {
    if (user.role === 'delegate') {
      for (const n of new Set([from, to])) await this.access.assertCanRead(user, documentId, n);
    }
    if (format === 'json') return { kind: 'json', body: await this.diffs.json(documentId, from, to) };
    const out = await this.diffs.render(documentId, from, to, format);
    if (typeof out.body === 'string') {
      return { kind: 'text', body: out.body, mediaType: out.mediaType, contentSecurityPolicy: out.contentSecurityPolicy };
    }
    const name = out.fileName ?? { ascii: `diff.${format}`, utf8: `diff.${format}` };
    return { kind: 'file', file: { body: out.body, mediaType: out.mediaType, fileName: name.utf8, asciiFileName: name.ascii } };
  }
}
