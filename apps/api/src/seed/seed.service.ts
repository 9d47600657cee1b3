import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_CONNECTION_SCOPES } from '@latchkey/contracts';
import { Application } from '../applications/application.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { PasswordHasher } from '../factors/password-hasher';
import { AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { Identity } from '../directory/identity.entity';
import { Tenant } from '../directory/tenant.entity';
import { SecretBox } from '../factors/secret-box';
import { UserType } from '../directory/user-type.entity';
import { secretBinding } from '../upstream/upstream-client';
import { UpstreamConnection } from '../upstream/upstream.entities';
import { DEMO_LOGINS, DEMO_PROVIDER, DEMO_SAMPLE_APP, DEMO_TENANT, DEMO_USER_TYPES } from './demo-data';

/** Sign-ins to print once, when the demo is first created. */
export interface FirstRunSignIns {
  password: string;
  emails: string[];
}

@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly directory: DirectoryService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
  ) {}

  /** The super user from LATCHKEY_ADMIN_*; idempotent: an existing identity only gains its platform login. */
  async ensureSuperUser(): Promise<Identity | null> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return null;
    const existing = await this.directory.findIdentityByEmail(adminEmail);
    if (existing) {
      await this.directory.ensureSuperLogin(existing);
      return existing;
    }
    const passwordHash = await this.hasher.hash(adminPassword);
    const identity = await this.dataSource.transaction(async (manager) => {
      const made = await this.directory.createIdentity(adminEmail, passwordHash, manager);
      await this.directory.ensureSuperLogin(made, manager);
      return made;
    });
    await this.audit.record({
      action: 'platform.super-user-created',
      tenantId: null,
      actor: SYSTEM_ACTOR,
      target: { type: 'identity', id: identity.id, label: identity.email },
    });
    this.logger.log(`Super user ${adminEmail} created`);
    return identity;
  }

  /** Creates the demo tenant once; answers its sign-ins only on the run that created it. */
  async seedDemo(): Promise<FirstRunSignIns | null> {
    if (!this.config.demo) return null;
    const existing = await this.dataSource.getRepository(Tenant).findOneBy({ name: DEMO_TENANT });
    if (existing) {
      await this.ensureSampleApp(existing.id);
      await this.ensureDemoProvider(existing.id);
      return null;
    }

    const password = this.config.demoPassword;
    const passwordHash = await this.hasher.hash(password);
    const emails = await this.dataSource.transaction(async (manager) => {
      const tenant = await this.directory.createTenant(DEMO_TENANT, manager);
      const types = new Map<string, string>();
      for (const name of DEMO_USER_TYPES) {
        types.set(name, (await this.directory.createUserType(tenant.id, name, manager)).id);
      }
      const identities = new Map<string, string>();
      for (const demo of DEMO_LOGINS) {
        let identityId = identities.get(demo.email);
        if (!identityId) {
          const existing = await manager.getRepository(Identity).findOneBy({ email: demo.email });
          identityId =
            existing?.id ?? (await this.directory.createIdentity(demo.email, passwordHash, manager)).id;
          identities.set(demo.email, identityId);
        }
        await this.directory.createLogin(
          {
            tenantId: tenant.id,
            identityId,
            userTypeId: types.get(demo.userType) as string,
            displayName: demo.displayName,
            role: demo.role,
          },
          manager,
        );
      }
      await this.registerSampleApp(tenant.id, manager);
      await this.audit.record(
        {
          action: 'demo.created',
          tenantId: tenant.id,
          actor: SYSTEM_ACTOR,
          target: { type: 'tenant', id: tenant.id, label: tenant.name },
          after: {
            userTypes: [...DEMO_USER_TYPES],
            logins: DEMO_LOGINS.length,
            applications: [DEMO_SAMPLE_APP.name],
          },
        },
        manager,
      );
      return [...identities.keys()];
    });
    const tenant = await this.dataSource.getRepository(Tenant).findOneByOrFail({ name: DEMO_TENANT });
    await this.ensureDemoProvider(tenant.id);
    const admin = this.config.adminEmail;
    return {
      password,
      emails: admin && this.config.adminPassword === password ? [admin, ...emails] : emails,
    };
  }

  /**
   * A demo made before the sample application existed gains it on its next start; one an owner
   * deleted (the audit says so) stays deleted.
   */
  private async ensureSampleApp(tenantId: string): Promise<void> {
    const apps = this.dataSource.getRepository(Application);
    if (await apps.existsBy([{ id: DEMO_SAMPLE_APP.id }, { tenantId, name: DEMO_SAMPLE_APP.name }])) return;
    const deleted = await this.dataSource
      .getRepository(AuditEvent)
      .existsBy({ action: 'application.deleted', targetId: DEMO_SAMPLE_APP.id });
    if (deleted) return;
    await this.dataSource.transaction((manager) => this.registerSampleApp(tenantId, manager));
  }

  /** The sample application (`apps/sample-app`) as Acme's public client, with its fixed id. */
  private async registerSampleApp(tenantId: string, manager: EntityManager): Promise<void> {
    const now = new Date();
    const app: Application = {
      id: DEMO_SAMPLE_APP.id,
      tenantId,
      name: DEMO_SAMPLE_APP.name,
      kind: 'public',
      redirectUris: [`${DEMO_SAMPLE_APP.url}/callback`],
      postLogoutRedirectUris: [`${DEMO_SAMPLE_APP.url}/`],
      allowedUserTypeIds: null,
      secretHash: null,
      secretSetAt: null,
      createdAt: now,
      createdBy: SYSTEM_ACTOR.label,
      updatedAt: now,
    };
    await manager.insert(Application, app);
    await this.audit.record(
      {
        action: 'application.created',
        tenantId,
        actor: SYSTEM_ACTOR,
        target: { type: 'application', id: app.id, label: app.name },
        after: {
          kind: app.kind,
          name: app.name,
          redirectUris: app.redirectUris.join(' '),
          postLogoutRedirectUris: app.postLogoutRedirectUris.join(' '),
          allowedUserTypes: 'all',
        },
      },
      manager,
    );
  }

  /**
   * When `npm start` runs the demo's stand-in identity provider, Acme is connected to it (once;
   * one an owner removed stays removed), so that a newcomer can try "Continue with …".
   */
  async ensureDemoProvider(tenantId: string): Promise<void> {
    const issuer = this.config.demoProviderUrl;
    if (!issuer) return;
    const connections = this.dataSource.getRepository(UpstreamConnection);
    if (await connections.existsBy({ id: DEMO_PROVIDER.connectionId })) return;
    const removed = await this.dataSource
      .getRepository(AuditEvent)
      .existsBy({ action: 'connection.deleted', targetId: DEMO_PROVIDER.connectionId });
    if (removed) return;
    const jitType = await this.dataSource
      .getRepository(UserType)
      .findOneBy({ tenantId, name: DEMO_PROVIDER.jitUserType });
    const now = new Date();
    const row: UpstreamConnection = {
      id: DEMO_PROVIDER.connectionId,
      tenantId,
      name: DEMO_PROVIDER.name,
      issuer,
      clientId: DEMO_PROVIDER.clientId,
      clientSecretSealed: this.box.seal(
        DEMO_PROVIDER.clientSecret,
        secretBinding({ tenantId, id: DEMO_PROVIDER.connectionId }),
      ),
      scopes: [...DEFAULT_CONNECTION_SCOPES],
      emailDomains: [...DEMO_PROVIDER.emailDomains],
      allowedUserTypeIds: null,
      trustMode: 'trust-mfa',
      trustAmr: ['mfa'],
      trustAcr: [],
      trustMaxAgeSeconds: null,
      jitUserTypeId: jitType?.id ?? null,
      passwordAllowed: true,
      enabled: true,
      createdAt: now,
      createdBy: SYSTEM_ACTOR.label,
      updatedAt: now,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(UpstreamConnection, row);
      await this.audit.record(
        {
          action: 'connection.created',
          tenantId,
          actor: SYSTEM_ACTOR,
          target: { type: 'connection', id: row.id, label: row.name },
          after: { name: row.name, issuer, emailDomains: row.emailDomains.join(' '), trust: 'trust-mfa' },
        },
        manager,
      );
    });
  }
}
