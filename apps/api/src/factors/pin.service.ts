import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ERROR_MESSAGES } from '@latchkey/contracts';
import { AuditService } from '../audit/audit.service';
import { badField } from '../common/http-errors';
import { Login } from '../directory/login.entity';
import { ENROLMENT_OVERTAKEN } from './enrolment-rules';
import { LoginStore, type PinWrite } from '../directory/login-store';
import { FactorFailureException } from './factor-failure';
import { attemptEvent, LockoutService, type AttemptContext } from './lockout.service';
import { PasswordHasher } from './password-hasher';

/** The PIN factor: checked under the lockout's reservation, written only while what was decided holds. */
@Injectable()
export class PinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lockout: LockoutService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly logins: LoginStore,
  ) {}

  /**
   * Checks a PIN against the login's, counting a failure towards the lock. `login` is the row
   * the caller read in this request, if any; on success the caller resets the count (the sign-in
   * does it in its transaction).
   */
  async check(ctx: AttemptContext, pin: string, field: string, login?: Login): Promise<void> {
    if (!/^\d{6,12}$/.test(pin)) throw badField(field, `${field} must be 6 to 12 digits`);
    await this.lockout.guard(ctx, 'pin', async () => {
      const row =
        login ??
        (await this.dataSource
          .getRepository(Login)
          .findOneByOrFail({ tenantId: ctx.tenantId, id: ctx.loginId }));
      if (!row.pinHash || !(await this.hasher.verify(row.pinHash, pin)))
        throw new FactorFailureException('incorrect', ERROR_MESSAGES['factor.incorrect-pin'], {
          code: 'factor.incorrect-pin',
        });
    });
    if (!login) await this.lockout.succeeded(ctx.tenantId, ctx.loginId);
  }

  /**
   * Sets a new PIN, argon2id-hashed; enrolling ends any grace. Its rules and confirmation are
   * the DTOs' (`@IsAcceptablePin`, `@RepeatsPin`), checked before any service work.
   */
  async save(ctx: AttemptContext, pin: string, replacing: string | null): Promise<void> {
    const writePin = await this.prepare(ctx, pin, replacing ? { replacing } : { firstOnProfile: true });
    await this.dataSource.transaction(writePin);
  }

  /**
   * Hashes a new (validated) PIN; answers its write (the login and the audit event), which
   * holds only while what the caller decided on is still so: at sign-in, the login has no PIN
   * yet and no code or other flow's grant stands in the way; on the profile, the PIN being
   * replaced is still the one that was checked.
   */
  async prepare(
    ctx: AttemptContext,
    pin: string,
    kind: PinWrite,
  ): Promise<(manager: EntityManager) => Promise<void>> {
    const pinHash = await this.hasher.hash(pin);
    return async (manager) => {
      if (!(await this.logins.writePin(ctx, pinHash, kind, manager)))
        throw new ConflictException(
          'replacing' in kind
            ? 'Your PIN was changed meanwhile: try again with the current one'
            : ENROLMENT_OVERTAKEN,
        );
      await this.audit.record(
        attemptEvent(ctx, 'replacing' in kind ? 'factor.pin-changed' : 'factor.pin-set'),
        manager,
      );
    };
  }
}
