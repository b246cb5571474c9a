import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '../common/domain-error';

/** The Idempotency-Key header (null when absent); when sent it must have 1 to 200 characters. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => {
  const key = ctx.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
    throw new DomainError(ErrorCode.ValidationFailed, 'Idempotency-Key must have 1 to 200 characters.');
  }
  return key;
});
