import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ResetAnswer, UserRow } from '@latchkey/contracts';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/current-actor.decorator';
import { AppConfig } from '../config/app-config';
import { SessionsService } from '../database/sessions.service';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { LoginStore } from '../directory/login-store';
import { Tenant } from '../directory/tenant.entity';
import { AuthenticatorService } from '../factors/authenticator.service';
import { BackupCodesService } from '../factors/backup-codes.service';
import { HANDOVER_TTL_MS, newHandoverCode } from '../factors/handover-code';
import { PasswordHasher } from '../factors/password-hasher';
import { RememberedBrowsers } from '../factors/remembered-browsers';
import { unlockLoginIn } from '../factors/unlock';
import { PolicyContextService } from '../policy/policy-context';
import { UsersService } from './users.service';

/** An owner's help for a login that cannot sign in: reset its factors (a lost phone), or unlock it. */
@Injectable()
export class LoginRecoveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policyContext: PolicyContextService,
    private readonly users: UsersService,
    private readonly logins: LoginStore,
    private readonly authenticators: AuthenticatorService,
    private readonly backupCodes: BackupCodesService,
    private readonly remembered: RememberedBrowsers,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The "lost phone" action: removes the login's devices, backup codes and PIN, signs it out
   * everywhere and asks for enrolment at the next sign-in. Unless the tenant turned it off, the
   * answer holds a one-time handover code the user types after the password, so that a stolen
   * password alone cannot enrol a new phone in the gap.
   */
  async reset(actor: Actor, tenantId: string, loginId: string): Promise<ResetAnswer> {
    const ctx = await this.policyContext.load(tenantId);
    const login = await this.dataSource.getRepository(Login).findOneBy({ tenantId, id: loginId });
    if (!login) throw new NotFoundException('No such user');
    const handover = (ctx.tenant.handoverEnabled ?? true) ? newHandoverCode() : null;
    const handoverHash = handover ? await this.hasher.hash(handover) : null;
    const now = new Date();
    const expiresAt = handover ? new Date(now.getTime() + HANDOVER_TTL_MS) : null;
    await this.dataSource.transaction(async (manager) => {
      await this.authenticators.forgetLogin({ tenantId, loginId }, manager);
      await this.backupCodes.forgetLogin({ tenantId, loginId }, manager);
      const code =
        handoverHash && expiresAt ? { hash: handoverHash, expiresAt, kind: 'reset' as const } : null;
      await this.logins.reset({ tenantId, loginId }, now, code, manager);
      // Browsers first: a remembered sign-in in flight holds its row until it commits, so the
      // session delete after it (a new statement) sees the session that sign-in wrote.
      await this.remembered.forgetLogin(tenantId, loginId, manager);
      await this.sessions.revokeLogin(tenantId, loginId, 'reset', null, manager);
      await this.audit.record(
        {
          action: 'login.reset',
          tenantId,
          actor: actorOf(actor),
          target: { type: 'login', id: loginId, label: login.displayName },
          before: { hasAuthenticator: !!login.totpEnrolledAt, hasPin: !!login.pinSetAt },
          after: {
            handover: handover !== null,
            handoverExpiresAt: expiresAt ? expiresAt.toISOString() : null,
          },
          address: actor.address,
        },
        manager,
      );
    });
    return { handoverCode: handover, handoverExpiresAt: expiresAt ? expiresAt.toISOString() : null };
  }

  /**
   * Lifts a lock, timed or hard, clears the failure count and the email's password wait. Owners
   * unlock their tenant's logins; super users any tenant's, and platform logins too.
   */
  async unlock(actor: Actor, tenantId: string, loginId: string): Promise<UserRow> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!tenant || (tenant.kind !== 'customer' && actor.role !== 'super'))
      throw new NotFoundException('No such tenant');
    await this.dataSource.transaction(async (manager) => {
      const login = await manager.getRepository(Login).findOneBy({ tenantId, id: loginId });
      if (!login) throw new NotFoundException('No such user');
      const identity = await manager.getRepository(Identity).findOneByOrFail({ id: login.identityId });
      await unlockLoginIn(manager, { audit: this.audit, logins: this.logins }, login, identity.email, {
        secretKey: this.config.secretKey,
        actor: actorOf(actor),
        address: actor.address,
        auditTenantId: tenant.kind === 'customer' ? tenantId : null,
      });
    });
    return this.users.row(tenantId, loginId, tenant.kind === 'customer');
  }
}
