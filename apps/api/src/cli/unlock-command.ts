import { hostname, userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { throttleKeyOf } from '../factors/password-throttle';
import { unlockLoginIn, type UnlockedState } from '../factors/unlock';
import { LoginStore } from '../directory/login-store';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { PasswordThrottleRow } from '../database/password-throttle.entity';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';

function described(state: UnlockedState): string {
  if (state.lockedOut) return `was locked until unlocked, ${state.failedAttempts} failed attempts`;
  if (state.lockedUntil && Date.parse(state.lockedUntil) > Date.now())
    return `was waiting until ${state.lockedUntil}, ${state.failedAttempts} failed attempts`;
  return state.failedAttempts > 0
    ? `was not locked, ${state.failedAttempts} failed attempts`
    : 'was not locked';
}

/**
 * `npm run latchkey -- unlock EMAIL`: the break-glass when no super user can sign in. Unlocks
 * every login of the email in every tenant and the platform, lifts the email's password wait,
 * audits each unlock as the server command, and says what it did. Answers the exit code.
 */
export async function unlockCommand(
  config: AppConfig,
  email: string,
  print: (line: string) => void,
): Promise<number> {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    if (await dataSource.showMigrations()) {
      print('The database has migrations still to apply: run `npm run migrate` first. Nothing was changed.');
      return 1;
    }
    const normalised = email.trim().toLowerCase();
    const identity = await dataSource.getRepository(Identity).findOneBy({ email: normalised });
    if (!identity) {
      print(`No one signs in as ${normalised} here. Nothing was changed.`);
      return 1;
    }
    const audit = new AuditService(dataSource);
    const loginStore = new LoginStore(dataSource);
    const by = {
      secretKey: config.secretKey,
      actor: {
        identityId: null,
        loginId: null,
        label: `server command (${userInfo().username}@${hostname()})`,
      },
      address: null,
    };
    const lines = await dataSource.transaction(async (manager) => {
      const waited = await manager
        .getRepository(PasswordThrottleRow)
        .findOneBy({ emailKey: throttleKeyOf(config.secretKey, normalised) });
      const logins = await manager.getRepository(Login).find({ where: { identityId: identity.id } });
      const tenants = new Map((await manager.getRepository(Tenant).find()).map((t) => [t.id, t] as const));
      const out: string[] = [];
      for (const login of logins) {
        const tenant = tenants.get(login.tenantId);
        const platform = tenant?.kind === 'platform';
        const before = await unlockLoginIn(manager, { audit, logins: loginStore }, login, normalised, {
          ...by,
          auditTenantId: platform ? null : login.tenantId,
        });
        const where = platform ? 'the platform' : (tenant?.name ?? login.tenantId);
        out.push(`  Unlocked ${login.displayName} (${login.role}) in ${where}: ${described(before)}.`);
      }
      const wait = waited?.waitUntil && waited.waitUntil.getTime() > Date.now();
      out.push(
        wait
          ? `  Lifted the password wait of ${normalised} (it ran until ${waited.waitUntil?.toISOString()}).`
          : `  ${normalised} had no password wait.`,
      );
      return out;
    });
    print(
      `Unlocked ${normalised}: ${lines.length - 1} login${lines.length === 2 ? '' : 's'}, audited as the server command.`,
    );
    for (const line of lines) print(line);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
