import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { SessionsService } from '../accounts/sessions.service';
import { isUuid } from '../common/uuid';
import { VersionAccess } from '../consultations/version-access';
import { CACHE_POLICY, negotiateEncoding, sendRepresentation } from '../http-cache/send-representation';
import { DocumentsService } from './documents.service';

/** `GET /api/documents/{id}/versions/{n}` with no query: the one read a public consultation's readers all make. */
const VERSION_READ = /^\/api\/documents\/([0-9a-fA-F-]{36})\/versions\/([1-9][0-9]{0,8})$/;
const BEARER = /^Bearer\s+(\S+)$/i;

/** What every answer of the service carries before its own headers (request id, security headers, the log line). */
export type Preamble = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Answers a delegate's read of a released version straight from memory, before Express and Nest see the request,
 * when — and only when — everything the full route would consult is in this instance's caches and may be trusted:
 * the session (SessionsService's cache, dropped on every instance at each revocation), the delegate's right to read
 * that version (VersionAccess's cache, dropped at each change of the document's consultations or keys) and the
 * version's bytes. The answer is the full route's, header for header and byte for byte (a test compares them);
 * anything else — a miss, a drafter, a query string, a malformed number — goes the full way, which fills the caches.
 * Reading a released version costs no database round trip and none of the framework's per-request work: what lets one
 * instance serve a public consultation's readers at close to the speed of sending bytes (BENCHMARKS.md, issue 14).
 */
@Injectable()
export class VersionFastPath {
  /** Answers given here (for tests and the bench). */
  served = 0;

  constructor(
    private readonly sessions: SessionsService,
    private readonly access: VersionAccess,
    private readonly documents: DocumentsService,
  ) {}

  /** Answers the request and returns true, or returns false having touched nothing. */
  tryServe(req: IncomingMessage, res: ServerResponse, preamble: Preamble): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = VERSION_READ.exec(req.url ?? '');
    if (!path || !isUuid(path[1])) return false;
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    const user = token ? this.sessions.peekToken(token) : undefined;
    if (!user || user.role !== 'delegate') return false;
    const number = Number(path[2]);
    const readable = this.access.peekReadable(user, path[1], [number]);
    const rep = readable && this.documents.peekCachedVersion(readable.ids[0], readable.generation);
    // bytes not yet compressed the way this client wants them: the full route waits for the compression
    if (!rep?.has(negotiateEncoding(req, rep.compressible))) return false;
    this.served++;
    preamble(req, res);
    // every byte is ready: nothing here waits, and nothing can fail but the connection itself
    sendRepresentation(req, res, rep, CACHE_POLICY.released).catch(() => res.destroy());
    return true;
  }
}
