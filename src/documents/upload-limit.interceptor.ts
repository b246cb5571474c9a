import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DocumentsErrorCode } from './documents.errors';

/**
 * Multer (configured in documents.module.ts) stops reading an upload at MAX_UPLOAD_BYTES and says only "File too
 * large"; this names the limit and the setting, as every other limit does. Bound outside the FileInterceptor.
 */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((e: unknown) => {
        if (!(e instanceof PayloadTooLargeException)) return throwError(() => e);
        const limit = this.config.maxUploadBytes;
        return throwError(
          () =>
            new DomainError(
              DocumentsErrorCode.UploadTooLarge,
              `The file is larger than ${limit} bytes, the limit on uploads (MAX_UPLOAD_BYTES).`,
              {
                setting: 'MAX_UPLOAD_BYTES',
                limit,
              },
            ),
        );
      }),
    );
  }
}
