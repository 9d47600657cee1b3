import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ApplicationCreatedAnswer, ApplicationView, AuditDetails } from '@latchkey/contracts';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/current-actor.decorator';
import { badField } from '../common/http-errors';
import { isUniqueViolation } from '../common/unique-violation';
import { Tenant } from '../directory/tenant.entity';
import { UserType } from '../directory/user-type.entity';
import { Application } from './application.entity';
import type { CreateApplicationDto, UpdateApplicationDto } from './applications.dto';

const NAME_TAKEN = (name: string) => `An application named ${name} exists already in this account`;

/** 32 random bytes: a secret nobody guesses, so its SHA-256 is enough to keep (no slow hash). */
function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashOf(secret) };
}

export const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

function viewOf(app: Application, tenantName: string): ApplicationView {
  return {
    id: app.id,
    tenantId: app.tenantId,
    tenantName,
    name: app.name,
    kind: app.kind,
    redirectUris: app.redirectUris,
    postLogoutRedirectUris: app.postLogoutRedirectUris,
    allowedUserTypeIds: app.allowedUserTypeIds,
    secretSetAt: app.secretSetAt?.toISOString() ?? null,
    createdAt: app.createdAt.toISOString(),
    createdBy: app.createdBy,
    updatedAt: app.updatedAt.toISOString(),
  };
}

/** What the audit shows of an application (never its secret). */
const auditedFields = (
  app: Pick<Application, 'name' | 'redirectUris' | 'postLogoutRedirectUris' | 'allowedUserTypeIds'>,
) => ({
  name: app.name,
  redirectUris: app.redirectUris.join(' '),
  postLogoutRedirectUris: app.postLogoutRedirectUris.join(' '),
  allowedUserTypes: app.allowedUserTypeIds ? app.allowedUserTypeIds.join(' ') : 'all',
});

/**
 * A tenant's applications (OpenID Connect clients): registered, changed, their secret rotated
 * and deleted by an owner, every change audited in its transaction. The one writer of the
 * `application` table.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(tenantId: string): Promise<ApplicationView[]> {
    const tenant = await this.tenant(tenantId);
    const apps = await this.dataSource
      .getRepository(Application)
      .find({ where: { tenantId }, order: { name: 'ASC' } });
    return apps.map((a) => viewOf(a, tenant.name));
  }

  /** Every tenant's applications, for super users. */
  async listAll(): Promise<ApplicationView[]> {
    const rows = await this.dataSource
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Tenant, 't', 't.id = a.tenant_id')
      .addSelect('t.name', 'tenant_name')
      .orderBy('t.name', 'ASC')
      .addOrderBy('a.name', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((a, i) =>
      viewOf(a, String((rows.raw[i] as { tenant_name: string }).tenant_name)),
    );
  }

  async create(actor: Actor, tenantId: string, dto: CreateApplicationDto): Promise<ApplicationCreatedAnswer> {
    const tenant = await this.tenant(tenantId);
    const now = new Date();
    const secret = dto.kind === 'confidential' ? newSecret() : null;
    const app: Application = {
      id: randomUUID(),
      tenantId,
      name: dto.name,
      kind: dto.kind,
      redirectUris: dto.redirectUris,
      postLogoutRedirectUris: dto.postLogoutRedirectUris ?? [],
      allowedUserTypeIds: dto.allowedUserTypeIds ?? null,
      secretHash: secret?.hash ?? null,
      secretSetAt: secret ? now : null,
      createdAt: now,
      createdBy: actor.email,
      updatedAt: now,
    };
    await this.write(dto.name, async (manager) => {
      await this.requireUserTypes(manager, tenantId, app.allowedUserTypeIds);
      await manager.insert(Application, app);
      await this.record(manager, actor, app, 'application.created', null, {
        kind: app.kind,
        ...auditedFields(app),
      });
    });
    return { application: viewOf(app, tenant.name), clientSecret: secret?.secret ?? null };
  }

  async update(
    actor: Actor,
    tenantId: string,
    id: string,
    dto: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    const tenant = await this.tenant(tenantId);
    const changed = await this.write(dto.name ?? '', async (manager) => {
      const app = await this.find(manager, tenantId, id);
      const next: Application = {
        ...app,
        ...(dto.name === undefined ? {} : { name: dto.name }),
        ...(dto.redirectUris === undefined ? {} : { redirectUris: dto.redirectUris }),
        ...(dto.postLogoutRedirectUris === undefined
          ? {}
          : { postLogoutRedirectUris: dto.postLogoutRedirectUris }),
        ...(dto.allowedUserTypeIds === undefined ? {} : { allowedUserTypeIds: dto.allowedUserTypeIds }),
        updatedAt: new Date(),
      };
      await this.requireUserTypes(manager, tenantId, next.allowedUserTypeIds);
      await manager.update(
        Application,
        { tenantId, id },
        {
          name: next.name,
          redirectUris: next.redirectUris,
          postLogoutRedirectUris: next.postLogoutRedirectUris,
          allowedUserTypeIds: next.allowedUserTypeIds,
          updatedAt: next.updatedAt,
        },
      );
      await this.record(manager, actor, next, 'application.updated', auditedFields(app), auditedFields(next));
      return next;
    });
    return viewOf(changed, tenant.name);
  }

  /** A new client secret for a confidential application; the old one stops working at once. */
  async rotateSecret(actor: Actor, tenantId: string, id: string): Promise<ApplicationCreatedAnswer> {
    const tenant = await this.tenant(tenantId);
    const secret = newSecret();
    const app = await this.dataSource.transaction(async (manager) => {
      const found = await this.find(manager, tenantId, id);
      if (found.kind !== 'confidential')
        throw new ConflictException('A public application has no secret: it signs in with PKCE');
      const now = new Date();
      await manager.update(
        Application,
        { tenantId, id },
        { secretHash: secret.hash, secretSetAt: now, updatedAt: now },
      );
      await this.record(manager, actor, found, 'application.secret-rotated', null, null);
      return { ...found, secretHash: secret.hash, secretSetAt: now, updatedAt: now };
    });
    return { application: viewOf(app, tenant.name), clientSecret: secret.secret };
  }

  async remove(actor: Actor, tenantId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const app = await this.find(manager, tenantId, id);
      await manager.delete(Application, { tenantId, id });
      await this.record(
        manager,
        actor,
        app,
        'application.deleted',
        { kind: app.kind, ...auditedFields(app) },
        null,
      );
    });
  }

  private async tenant(tenantId: string): Promise<Tenant> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId, kind: 'customer' });
    if (!tenant) throw new NotFoundException('No such tenant');
    return tenant;
  }

  private async find(manager: EntityManager, tenantId: string, id: string): Promise<Application> {
    const app = await manager.getRepository(Application).findOneBy({ tenantId, id });
    if (!app) throw new NotFoundException('No such application');
    return app;
  }

  /** Only user types of this tenant, named in the 400. */
  private async requireUserTypes(
    manager: EntityManager,
    tenantId: string,
    ids: string[] | null,
  ): Promise<void> {
    if (!ids || ids.length === 0) return;
    const found = await manager.getRepository(UserType).findBy(ids.map((id) => ({ tenantId, id })));
    const missing = ids.filter((id) => !found.some((t) => t.id === id));
    if (missing.length > 0)
      throw badField(
        'allowedUserTypeIds',
        `allowedUserTypeIds names no user type of this account: ${missing.join(', ')}`,
      );
  }

  /** One transaction; a name clash on the unique index is a 409 naming the name. */
  private async write<T>(name: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException(NAME_TAKEN(name));
      throw e;
    }
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    app: Application,
    action:
      | 'application.created'
      | 'application.updated'
      | 'application.secret-rotated'
      | 'application.deleted',
    before: AuditDetails | null,
    after: AuditDetails | null,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        tenantId: app.tenantId,
        actor: actorOf(actor),
        target: { type: 'application', id: app.id, label: app.name },
        before,
        after,
        address: actor.address,
      },
      manager,
    );
  }
}
