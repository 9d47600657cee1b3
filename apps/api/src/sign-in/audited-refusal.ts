import { ForbiddenException } from '@nestjs/common';
import type { AuditInput } from '../audit/audit.service';

/**
 * A step refused with an audit event that must stand although the step's transaction rolls back:
 * `SignInFinish.inOneTransaction` records it once the rollback is done.
 */
export class AuditedRefusal extends ForbiddenException {
  constructor(
    message: string,
    readonly event: AuditInput,
  ) {
    super(message);
  }
}
