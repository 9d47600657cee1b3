import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ApiToken } from '../api-tokens/api-token.entity';
import { Application } from '../applications/application.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';
import { UserType } from '../directory/user-type.entity';
import { BackupCode, RememberedBrowser, TotpDevice, TotpUsedStep } from '../factors/factor.entities';
import { OidcPayloadRow } from '../oidc/oidc-payload.entity';
import { PlatformSetting } from '../policy/platform-setting.entity';
import { UpstreamConnection, UpstreamLink } from '../upstream/upstream.entities';
import { EndedSessionRow } from './ended-session.entity';
import { MIGRATIONS } from './migrations';
import { PasswordThrottleRow } from './password-throttle.entity';
import { SessionRow } from './session.entity';
import { takeSqliteTurns } from './sqlite-turns';

export const ENTITIES = [
  Tenant,
  UserType,
  Identity,
  Login,
  SessionRow,
  EndedSessionRow,
  AuditEvent,
  PlatformSetting,
  TotpDevice,
  TotpUsedStep,
  BackupCode,
  RememberedBrowser,
  PasswordThrottleRow,
  Application,
  OidcPayloadRow,
  ApiToken,
  UpstreamConnection,
  UpstreamLink,
];

/** One place that turns the configuration into TypeORM options, for the app and `migrate`. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // Not 'error': TypeORM would log a failed query with its parameters, password hashes included.
    logging: ['warn'] as 'warn'[],
  };
  if (config.databaseUrl) {
    return {
      ...common,
      type: 'postgres',
      url: config.databaseUrl,
      extra: { max: config.databasePoolSize },
    };
  }
  takeSqliteTurns();
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    // WAL lets readers run beside the one writer; busy_timeout waits instead of failing.
    enableWAL: true,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
