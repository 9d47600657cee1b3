import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  HttpStatus,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import {
  API_TOKEN_PATTERN,
  API_TOKEN_PREFIX,
  API_TOKEN_SCOPES,
  type ApiTokenCreatedAnswer,
  type ApiTokenScope,
  type ApiTokenView,
  type AuditDetails,
  ERROR_MESSAGES,
  errorText,
} from '@latchkey/contracts';
import { actorOf, AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { Actor, TokenCaller } from '../common/current-actor.decorator';
import { badField, refusal } from '../common/http-errors';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';
import { ApiToken } from './api-token.entity';
import type { CreateApiTokenDto } from './api-tokens.dto';

/** A token's use is written at most this often (a conditional write), not on every call. */
export const LAST_USED_PRECISION_MS = 60_000;

export const UNKNOWN_TOKEN = ERROR_MESSAGES['token.unknown'];
export const REVOKED_TOKEN = ERROR_MESSAGES['token.revoked'];
export const expiredToken = (at: Date) => errorText('token.expired', { at: at.toISOString() });
export const ORPHAN_TOKEN = ERROR_MESSAGES['token.orphan'];
export const SUSPENDED_ACCOUNT = ERROR_MESSAGES['token.account-suspended'];

/** SHA-256 (hex) of a token: 256 random bits need no slow hash, and the hash is the lookup key. */
export const hashOfToken = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** `lk_` and 32 random bytes in base64url. */
export function newTokenSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** The scopes in the contracts' order, each once. */
const inOrder = (scopes: readonly ApiTokenScope[]): ApiTokenScope[] =>
  API_TOKEN_SCOPES.filter((s) => scopes.includes(s));

function viewOf(token: ApiToken, createdBy: string | null): ApiTokenView {
  return {
    id: token.id,
    tenantId: token.tenantId,
    name: token.name,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    createdBy,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

/** What the audit shows of a token (never its secret nor its hash). */
const auditedFields = (token: ApiToken): AuditDetails => ({
  name: token.name,
  scopes: token.scopes,
  expiresAt: token.expiresAt?.toISOString() ?? null,
});

/**
 * Tenant API tokens (DESIGN §10, Provisioning): an owner makes one (shown once, only its SHA-256
 * kept) and revokes it, both audited; the access guard authenticates bearer calls with
 * `authenticate`. The one writer of the `api_token` table.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The tenant's tokens, newest first, revoked ones too; never a secret. */
  async list(tenantId: string): Promise<ApiTokenView[]> {
    await this.tenant(tenantId);
    const rows = await this.dataSource
      .getRepository(ApiToken)
      .createQueryBuilder('k')
      .leftJoin(Login, 'l', 'l.tenant_id = k.tenant_id AND l.id = k.created_by')
      .leftJoin(Identity, 'i', 'i.id = l.identity_id')
      .addSelect('i.email', 'creator_email')
      .where('k.tenant_id = :tenantId', { tenantId })
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((token, i) => {
      const email = (rows.raw[i] as { creator_email?: string | null }).creator_email;
      return viewOf(token, email ?? null);
    });
  }

  /** A new token; its secret is answered this once. */
  async create(actor: Actor, tenantId: string, dto: CreateApiTokenDto): Promise<ApiTokenCreatedAnswer> {
    await this.tenant(tenantId);
    const now = this.clock.now();
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime())
      throw badField('expiresAt', 'expiresAt must be in the future');
    const secret = newTokenSecret();
    const token: ApiToken = {
      id: randomUUID(),
      tenantId,
      name: dto.name,
      scopes: inOrder(dto.scopes),
      secretHash: hashOfToken(secret),
      createdBy: actor.loginId,
      createdAt: now,
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.dataSource.transaction(async (manager) => {
      // The audit log names a token's calls by its name: two usable tokens never share one.
      const usable = { tenantId, name: dto.name, revokedAt: IsNull() };
      const clash = await manager.getRepository(ApiToken).existsBy([
        { ...usable, expiresAt: IsNull() },
        { ...usable, expiresAt: MoreThan(now) },
      ]);
      if (clash)
        throw new ConflictException(
          `An API token named ${dto.name} is in use in this account: revoke it first, or choose another name`,
        );
      await manager.insert(ApiToken, token);
      await this.record(manager, actor, token, 'api-token.created', null, auditedFields(token));
    });
    return { token: viewOf(token, actor.apiTokenId ? null : actor.email), secret };
  }

  /** Revokes a token at once; a revoked token stays listed and answers 401 from then on. */
  async revoke(actor: Actor, tenantId: string, id: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const token = await manager.getRepository(ApiToken).findOneBy({ tenantId, id });
      if (!token) throw new NotFoundException('No such API token');
      const result = await manager
        .createQueryBuilder()
        .update(ApiToken)
        .set({ revokedAt: now })
        .where('tenant_id = :tenantId AND id = :id AND revoked_at IS NULL', { tenantId, id })
        .execute();
      if (!result.affected) throw new ConflictException(`The API token ${token.name} was revoked already`);
      await this.record(manager, actor, token, 'api-token.revoked', auditedFields(token), {
        revokedAt: now.toISOString(),
      });
    });
  }

  /**
   * The caller a bearer token stands for: a known, unrevoked, unexpired token of a customer
   * account that is not suspended, made by a login that still exists. Notes its use (at most
   * once a minute). Throws the 401 or 403 to answer otherwise.
   */
  async authenticate(secret: string): Promise<TokenCaller> {
    if (!API_TOKEN_PATTERN.test(secret)) throw new UnauthorizedException(UNKNOWN_TOKEN);
    const { entities, raw } = await this.dataSource
      .getRepository(ApiToken)
      .createQueryBuilder('k')
      .innerJoin(Tenant, 't', "t.id = k.tenant_id AND t.kind = 'customer'")
      .leftJoin(Login, 'l', 'l.tenant_id = k.tenant_id AND l.id = k.created_by')
      .addSelect('t.suspended_at', 'tenant_suspended_at')
      .addSelect('l.identity_id', 'creator_identity_id')
      .where('k.secret_hash = :hash', { hash: hashOfToken(secret) })
      .getRawAndEntities();
    const token = entities[0];
    if (!token) throw new UnauthorizedException(UNKNOWN_TOKEN);
    const joined = raw[0] as { tenant_suspended_at: unknown; creator_identity_id: string | null };
    const now = this.clock.now();
    if (token.revokedAt) throw new UnauthorizedException(REVOKED_TOKEN);
    if (token.expiresAt && token.expiresAt.getTime() <= now.getTime())
      throw refusal(HttpStatus.UNAUTHORIZED, 'token.expired', { at: token.expiresAt.toISOString() });
    if (!joined.creator_identity_id) throw new UnauthorizedException(ORPHAN_TOKEN);
    if (joined.tenant_suspended_at !== null && joined.tenant_suspended_at !== undefined)
      throw new ForbiddenException(SUSPENDED_ACCOUNT);
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS)
      await this.noteUse(token.id, now);
    return {
      id: token.id,
      tenantId: token.tenantId,
      name: token.name,
      scopes: token.scopes,
      createdByIdentityId: joined.creator_identity_id,
      createdByLoginId: token.createdBy,
    };
  }

  /** One conditional write: of parallel calls in the same minute, one writes and the rest change nothing. */
  private async noteUse(id: string, now: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ApiToken)
      .set({ lastUsedAt: now })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at <= :since)', {
        id,
        since: new Date(now.getTime() - LAST_USED_PRECISION_MS),
      })
      .execute();
  }

  private async tenant(tenantId: string): Promise<Tenant> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId, kind: 'customer' });
    if (!tenant) throw new NotFoundException('No such tenant');
    return tenant;
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    token: ApiToken,
    action: 'api-token.created' | 'api-token.revoked',
    before: AuditDetails | null,
    after: AuditDetails | null,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        tenantId: token.tenantId,
        actor: actorOf(actor),
        target: { type: 'api-token', id: token.id, label: token.name },
        before,
        after,
        address: actor.address,
      },
      manager,
    );
  }
}
