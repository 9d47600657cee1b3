import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuditFormat } from './audit-log.service';

/** The format the caller's Accept header prefers: CSV only when asked for (a bare *\/* gets JSON). */
export const PreferredAuditFormat = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuditFormat =>
    context.switchToHttp().getRequest<Request>().accepts(['application/json', 'text/csv']) === 'text/csv'
      ? 'csv'
      : 'json',
);
