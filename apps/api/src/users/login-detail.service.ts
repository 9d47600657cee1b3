import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LoginDetail } from '@latchkey/contracts';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditLogService } from '../audit/audit-log.service';
import type { AuditQueryDto } from '../audit/audit.dto';
import { Login } from '../directory/login.entity';
import { BackupCodesService } from '../factors/backup-codes.service';
import { deviceView } from '../factors/device-view';
import { TotpDevice } from '../factors/factor.entities';
import { UsersService } from './users.service';

/** How many of the login's newest audit events the panel shows (the audit log has the rest). */
const RECENT_EVENTS = 10;

/** The owner's detail panel of one login: its factors, lock, exception and recent events. */
@Injectable()
export class LoginDetailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly backupCodes: BackupCodesService,
    private readonly auditLog: AuditLogService,
  ) {}

  async detail(tenantId: string, loginId: string): Promise<LoginDetail> {
    const user = await this.users.row(tenantId, loginId);
    const login = await this.dataSource.getRepository(Login).findOneByOrFail({ tenantId, id: loginId });
    const [devices, backupCodesLeft, lastSignIn, recent] = await Promise.all([
      this.dataSource
        .getRepository(TotpDevice)
        .find({ where: { tenantId, loginId }, order: { createdAt: 'ASC' } }),
      this.backupCodes.remaining(tenantId, loginId),
      this.dataSource.getRepository(AuditEvent).findOne({
        where: { tenantId, action: 'sign-in.succeeded', targetId: loginId },
        order: { createdAt: 'DESC' },
      }),
      this.auditLog.page(tenantId, { loginId, page: 1, pageSize: RECENT_EVENTS } as AuditQueryDto),
    ]);
    const now = Date.now();
    const timed = !!login.lockedUntil && login.lockedUntil.getTime() > now;
    const locked = !!login.lockedOut || timed;
    const attempts = login.failedAttempts ?? 0;
    return {
      user,
      devices: devices.filter((d) => d.confirmedAt !== null).map(deviceView),
      backupCodesLeft,
      lastSignInAt: lastSignIn ? lastSignIn.createdAt.toISOString() : null,
      lock: {
        locked,
        hard: !!login.lockedOut,
        until: timed && login.lockedUntil ? login.lockedUntil.toISOString() : null,
        failedAttempts: attempts,
        reason: !locked
          ? null
          : login.lockedOut
            ? `${attempts} failed attempts: it stays locked until an owner unlocks it`
            : `${attempts} failed attempts: it waits until ${login.lockedUntil?.toISOString()} before the next try`,
      },
      exception: login.exceptionMethod
        ? {
            method: login.exceptionMethod,
            setBy: login.exceptionSetBy ?? null,
            setAt: login.exceptionSetAt ? login.exceptionSetAt.toISOString() : null,
          }
        : null,
      recentEvents: recent.items,
    };
  }
}
