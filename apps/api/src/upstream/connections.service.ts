import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ApiPaths,
  DEFAULT_CONNECTION_SCOPES,
  DEFAULT_UPSTREAM_TRUST,
  type AuditDetails,
  type ConnectionTestAnswer,
  type ConnectionView,
  type UpstreamTrust,
} from '@latchkey/contracts';
import { neverAskProblem } from '@latchkey/policy';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/current-actor.decorator';
import { badField } from '../common/http-errors';
import { isUniqueViolation } from '../common/unique-violation';
import { AppConfig } from '../config/app-config';
import { Tenant } from '../directory/tenant.entity';
import { SecretBox } from '../factors/secret-box';
import { PolicyContextService, type TenantPolicyContext } from '../policy/policy-context';
import type { CreateConnectionDto, UpdateConnectionDto, UpstreamTrustDto } from './connections.dto';
import { testDiscovery } from './connections.discovery';
import { isLocalIssuer, secretBinding } from './upstream-client';
import { UpstreamConnection } from './upstream.entities';

type AuditedAction = 'connection.created' | 'connection.updated' | 'connection.deleted';

/** A 409 that names its field, so that the console can put it under that field. */
function conflict(field: string, message: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message,
    errors: [{ field, messages: [message], codes: ['field.taken'] }],
  });
}

const nameTaken = (name: string) =>
  conflict('name', `A sign-in provider named ${name} exists already in this account`);

const trustOf = (row: UpstreamConnection): UpstreamTrust => ({
  mode: row.trustMode,
  amrValues: row.trustAmr,
  acrValues: row.trustAcr,
  maxAuthAgeSeconds: row.trustMaxAgeSeconds,
});

/** The trust columns of what was sent; absent: always ask. */
function trustColumns(
  trust: UpstreamTrustDto | undefined,
): Pick<UpstreamConnection, 'trustMode' | 'trustAmr' | 'trustAcr' | 'trustMaxAgeSeconds'> {
  const t = trust ?? DEFAULT_UPSTREAM_TRUST;
  return {
    trustMode: t.mode,
    trustAmr: [...t.amrValues],
    trustAcr: [...t.acrValues],
    trustMaxAgeSeconds: t.maxAuthAgeSeconds ?? null,
  };
}

/** The columns an update writes: all but the keys and the making. */
function changeable(
  c: UpstreamConnection,
): Omit<UpstreamConnection, 'id' | 'tenantId' | 'createdAt' | 'createdBy'> {
  return {
    name: c.name,
    issuer: c.issuer,
    clientId: c.clientId,
    clientSecretSealed: c.clientSecretSealed,
    scopes: c.scopes,
    emailDomains: c.emailDomains,
    allowedUserTypeIds: c.allowedUserTypeIds,
    trustMode: c.trustMode,
    trustAmr: c.trustAmr,
    trustAcr: c.trustAcr,
    trustMaxAgeSeconds: c.trustMaxAgeSeconds,
    jitUserTypeId: c.jitUserTypeId,
    passwordAllowed: c.passwordAllowed,
    enabled: c.enabled,
    updatedAt: c.updatedAt,
  };
}

/** What the audit shows of a connection: everything but its secret. */
const auditedFields = (c: UpstreamConnection): AuditDetails => ({
  name: c.name,
  issuer: c.issuer,
  clientId: c.clientId,
  scopes: c.scopes.join(' '),
  emailDomains: c.emailDomains.join(' '),
  allowedUserTypes: c.allowedUserTypeIds ? c.allowedUserTypeIds.join(' ') : 'all',
  trustMode: c.trustMode,
  trustAmr: c.trustAmr.join(' '),
  trustAcr: c.trustAcr.join(' '),
  trustMaxAgeSeconds: c.trustMaxAgeSeconds,
  jitUserType: c.jitUserTypeId,
  passwordAllowed: c.passwordAllowed,
  enabled: c.enabled,
});

/**
 * A tenant's own OpenID providers (DESIGN §11), as its owner connects them: listed, connected,
 * changed, removed, every change audited in its transaction; the client secret sealed (bound to
 * the connection) and never answered. "Test connection" reads the issuer's discovery document.
 * The one writer of the `upstream_connection` table.
 */
@Injectable()
export class ConnectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly policy: PolicyContextService,
    private readonly box: SecretBox,
    private readonly config: AppConfig,
  ) {}

  async list(tenantId: string): Promise<ConnectionView[]> {
    await this.tenant(tenantId);
    const rows = await this.dataSource
      .getRepository(UpstreamConnection)
      .find({ where: { tenantId }, order: { name: 'ASC' } });
    return rows.map((row) => this.viewOf(row));
  }

  async create(actor: Actor, tenantId: string, dto: CreateConnectionDto): Promise<ConnectionView> {
    const now = new Date();
    const id = randomUUID();
    const row: UpstreamConnection = {
      id,
      tenantId,
      name: dto.name,
      issuer: dto.issuer,
      clientId: dto.clientId,
      clientSecretSealed: this.box.seal(dto.clientSecret, secretBinding({ tenantId, id })),
      scopes: dto.scopes ?? [...DEFAULT_CONNECTION_SCOPES],
      emailDomains: dto.emailDomains,
      allowedUserTypeIds: dto.allowedUserTypeIds ?? null,
      ...trustColumns(dto.trust),
      jitUserTypeId: dto.jitUserTypeId ?? null,
      passwordAllowed: dto.passwordAllowed ?? true,
      enabled: dto.enabled ?? true,
      createdAt: now,
      createdBy: actor.email,
      updatedAt: now,
    };
    await this.write(dto.name, async (manager) => {
      const ctx = await this.lockedContext(manager, tenantId);
      await this.check(manager, ctx, row, true);
      await manager.insert(UpstreamConnection, row);
      await this.record(manager, actor, row, 'connection.created', null, auditedFields(row));
    });
    return this.viewOf(row);
  }

  /** What is sent changes; an absent secret keeps the one stored. */
  async update(
    actor: Actor,
    tenantId: string,
    id: string,
    dto: UpdateConnectionDto,
  ): Promise<ConnectionView> {
    return this.write(dto.name ?? '', async (manager) => {
      const ctx = await this.lockedContext(manager, tenantId);
      const found = await this.find(manager, tenantId, id);
      const sent = <K extends keyof UpdateConnectionDto>(key: K) => dto[key] !== undefined;
      const next: UpstreamConnection = {
        ...found,
        ...(sent('name') ? { name: dto.name } : {}),
        ...(sent('issuer') ? { issuer: dto.issuer } : {}),
        ...(sent('clientId') ? { clientId: dto.clientId } : {}),
        ...(sent('clientSecret')
          ? { clientSecretSealed: this.box.seal(dto.clientSecret as string, secretBinding(found)) }
          : {}),
        ...(sent('scopes') ? { scopes: dto.scopes } : {}),
        ...(sent('emailDomains') ? { emailDomains: dto.emailDomains } : {}),
        ...(sent('allowedUserTypeIds') ? { allowedUserTypeIds: dto.allowedUserTypeIds ?? null } : {}),
        ...(sent('trust') ? trustColumns(dto.trust) : {}),
        ...(sent('jitUserTypeId') ? { jitUserTypeId: dto.jitUserTypeId ?? null } : {}),
        ...(sent('passwordAllowed') ? { passwordAllowed: dto.passwordAllowed } : {}),
        ...(sent('enabled') ? { enabled: dto.enabled } : {}),
        updatedAt: new Date(),
      } as UpstreamConnection;
      // "Never ask" is weighed against the floors when it is chosen, so that an owner may still
      // rename or switch off a connection saved before a floor was raised (the sign-in asks then).
      await this.check(manager, ctx, next, sent('trust'));
      await manager.update(UpstreamConnection, { tenantId, id }, changeable(next));
      const after = {
        ...auditedFields(next),
        ...(sent('clientSecret') ? { clientSecret: 'replaced' } : {}),
      };
      await this.record(manager, actor, next, 'connection.updated', auditedFields(found), after);
      return this.viewOf(next);
    });
  }

  async remove(actor: Actor, tenantId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const found = await this.find(manager, tenantId, id);
      await manager.delete(UpstreamConnection, { tenantId, id });
      await this.record(manager, actor, found, 'connection.deleted', auditedFields(found), null);
    });
  }

  /** "Test connection": what the issuer's discovery document says (never throws for the provider's faults). */
  async test(tenantId: string, id: string): Promise<ConnectionTestAnswer> {
    await this.tenant(tenantId);
    const row = await this.find(this.dataSource.manager, tenantId, id);
    let secret: string;
    try {
      secret = this.box.open(row.clientSecretSealed, secretBinding(row));
    } catch {
      return { ok: false, message: 'The stored client secret cannot be read: enter it again.' };
    }
    return testDiscovery(row.issuer, row.clientId, secret);
  }

  private viewOf(row: UpstreamConnection): ConnectionView {
    return {
      id: row.id,
      tenantId: row.tenantId,
      name: row.name,
      issuer: row.issuer,
      clientId: row.clientId,
      scopes: row.scopes,
      emailDomains: row.emailDomains,
      allowedUserTypeIds: row.allowedUserTypeIds,
      trust: trustOf(row),
      jitUserTypeId: row.jitUserTypeId,
      passwordAllowed: row.passwordAllowed,
      enabled: row.enabled,
      redirectUri: `${this.config.publicUrl}${ApiPaths.upstreamCallback}`,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private async tenant(tenantId: string): Promise<Tenant> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId, kind: 'customer' });
    if (!tenant) throw new NotFoundException('No such tenant');
    return tenant;
  }

  private async find(manager: EntityManager, tenantId: string, id: string): Promise<UpstreamConnection> {
    const row = await manager.getRepository(UpstreamConnection).findOneBy({ tenantId, id });
    if (!row) throw new NotFoundException('No such sign-in provider');
    return row;
  }

  /**
   * The tenant's policy rows, read after taking its row's lock on PostgreSQL: two changes of one
   * tenant's connections run one after the other, so that a domain is never routed twice. SQLite
   * runs one transaction at a time on its one connection.
   */
  private async lockedContext(manager: EntityManager, tenantId: string): Promise<TenantPolicyContext> {
    if (manager.connection.driver.options.type === 'postgres')
      await manager.query('SELECT 1 FROM tenant WHERE id = $1 FOR NO KEY UPDATE', [tenantId]);
    return this.policy.load(tenantId, true, manager);
  }

  /**
   * What a connection must satisfy before it is written, each refusal naming its field: user
   * types of this tenant, a just-in-time type among the allowed ones, "never ask" only where no
   * floor above the owner asks for a factor, and domains no other connection routes.
   */
  private async check(
    manager: EntityManager,
    ctx: TenantPolicyContext,
    row: UpstreamConnection,
    weighTrust: boolean,
  ): Promise<void> {
    // http reaches a provider on this machine, for development: never from an installation on
    // https, where it would only let an owner probe the server's own ports.
    if (isLocalIssuer(row.issuer) && this.config.publicUrl.startsWith('https:'))
      throw badField('issuer', 'issuer must use https (http only while Latchkey itself runs on http)');
    const allowed = row.allowedUserTypeIds;
    const unknown = (allowed ?? []).filter((id) => !ctx.userTypes.has(id));
    if (unknown.length > 0)
      throw badField(
        'allowedUserTypeIds',
        `allowedUserTypeIds names no user type of this account: ${unknown.join(', ')}`,
      );
    const jit = row.jitUserTypeId;
    if (jit !== null && !ctx.userTypes.has(jit))
      throw badField('jitUserTypeId', `jitUserTypeId names no user type of this account: ${jit}`);
    if (jit !== null && allowed !== null && !allowed.includes(jit))
      throw badField(
        'jitUserTypeId',
        'jitUserTypeId must be one of the user types allowed to sign in through this provider',
      );
    if (weighTrust) {
      const floorAboveOwner = this.policy.platformLock(ctx)?.method ?? 'off';
      const problem = neverAskProblem({ mode: row.trustMode }, floorAboveOwner);
      if (problem) throw badField('trust.mode', problem);
    }
    const others = await manager.getRepository(UpstreamConnection).findBy({ tenantId: row.tenantId });
    for (const other of others) {
      if (other.id === row.id) continue;
      const shared = row.emailDomains.find((domain) => other.emailDomains.includes(domain));
      if (shared)
        throw conflict('emailDomains', `${shared} is routed to the sign-in provider ${other.name} already`);
    }
  }

  /** One transaction; a name clash on the unique index is a 409 naming the name. */
  private async write<T>(name: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(name);
      throw e;
    }
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    row: UpstreamConnection,
    action: AuditedAction,
    before: AuditDetails | null,
    after: AuditDetails | null,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        tenantId: row.tenantId,
        actor: actorOf(actor),
        target: { type: 'connection', id: row.id, label: row.name },
        before,
        after,
        address: actor.address,
      },
      manager,
    );
  }
}
