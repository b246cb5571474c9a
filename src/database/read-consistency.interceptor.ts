import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { concatMap, Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth.decorators';
import { parseLsn, type ReadConsistency, readConsistency, ReadReplicas, WRITE_POSITION_COOKIE } from './read-replicas';

/**
 * Read-your-writes across replicas (see read-replicas.ts). Runs each request in a context that says whose it is and
 * which write position its reads must see (the client's cookie); after a successful write, records the primary's
 * position for the user and sends it back in that cookie, so the user's next reads — on any instance — come from the
 * primary or from a replica that has replayed the write. Without replicas it does nothing.
 */
@Injectable()
export class ReadConsistencyInterceptor implements NestInterceptor {
  constructor(private readonly replicas: ReadReplicas) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.replicas.enabled || ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const store: ReadConsistency = {
      userId: req.user?.id ?? null,
      minLsn: parseLsn(cookie(req.headers.cookie, WRITE_POSITION_COOKIE)),
    };
    const handled = new Observable<unknown>((subscriber) =>
      readConsistency.run(store, () => next.handle().subscribe(subscriber)),
    );
    const userId = store.userId;
    if (req.method === 'GET' || req.method === 'HEAD' || !userId) return handled;
    return handled.pipe(
      concatMap(async (body) => {
        const lsn = await this.replicas.noteWrite(userId);
        if (lsn && !res.headersSent) {
          // Read by the service only; a forged value can only send its own sender's reads to the primary.
          res.cookie(WRITE_POSITION_COOKIE, lsn, {
            httpOnly: true,
            sameSite: 'strict',
            path: '/api',
            maxAge: this.replicas.markLifetimeMs,
          });
        }
        return body;
      }),
    );
  }
}

/** One cookie's value from a Cookie header. */
function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
