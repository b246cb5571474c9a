import { Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AccountsErrorCode } from '../../src/accounts/accounts.errors';
import { CommentsErrorCode } from '../../src/comments/comments.errors';
import { type AnyErrorCode, DomainError, ErrorCode } from '../../src/common/domain-error';
import { HttpErrorFilter, statusFor } from '../../src/common/http-error.filter';
import { ConsultationsErrorCode } from '../../src/consultations/consultations.errors';
import { DocumentsErrorCode } from '../../src/documents/documents.errors';

/** What the filter answers for an error, through a response stub that records status, headers and body. */
function answer(exception: unknown) {
  const out: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader: (k: string, v: string) => void (out.headers[k.toLowerCase()] = v),
    status(s: number) {
      out.status = s;
      return this;
    },
    json: (b: Record<string, unknown>) => void (out.body = b),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ headers: {} }) }),
  } as unknown as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return out;
}
const pgError = (code: string, message: string) =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('the error filter, for errors from the database', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(true));

  it('answers 503 database_unavailable with Retry-After when the database cannot be reached', () => {
    for (const e of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      pgError('57P01', 'terminating connection'),
    ]) {
      const a = answer(e);
      expect(a).toMatchObject({
        status: 503,
        headers: { 'retry-after': '5' },
        body: { error: 'database_unavailable' },
      });
      expect(JSON.stringify(a.body)).not.toMatch(/ECONNREFUSED|5432|terminating/); // nothing about the server leaks
    }
  });

  it('answers 400 when PostgreSQL refuses text that got past the input check', () => {
    expect(answer(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toMatchObject({
      status: 400,
      body: { error: 'validation_failed' },
    });
  });

  it('keeps other database errors a logged 500 that leaks nothing', () => {
    const a = answer(pgError('23505', 'duplicate key value violates unique constraint "uq_secret"'));
    expect(a).toMatchObject({ status: 500, headers: {}, body: { error: 'internal_error' } });
    expect(JSON.stringify(a.body)).not.toContain('uq_secret');
  });
});

describe('the mapping of error codes to HTTP statuses', () => {
  const areas = { ErrorCode, AccountsErrorCode, DocumentsErrorCode, ConsultationsErrorCode, CommentsErrorCode };

  it('maps every code of every area to a 4xx or 503, and no code is owned by two areas', () => {
    const seen = new Map<string, string>();
    for (const [area, codes] of Object.entries(areas)) {
      for (const code of Object.values(codes) as AnyErrorCode[]) {
        expect({ code, owner: seen.get(code) }).toEqual({ code, owner: undefined });
        seen.set(code, area);
        const status = statusFor(code);
        expect({ code, ok: (status >= 400 && status < 500) || status === 503 }).toEqual({ code, ok: true });
      }
    }
    expect(seen.size).toBeGreaterThan(30);
  });

  it('answers a domain error with its status and code', () => {
    expect(answer(new DomainError(CommentsErrorCode.CommentDecided, 'decided'))).toMatchObject({
      status: 409,
      body: { error: 'comment_decided' },
    });
    expect(answer(new DomainError(DocumentsErrorCode.TextTooLarge, 'big'))).toMatchObject({
      status: 413,
      body: { error: 'text_too_large' },
    });
  });
});
