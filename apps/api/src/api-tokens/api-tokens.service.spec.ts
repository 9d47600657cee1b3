import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { API_TOKEN_PATTERN, tokenGrants, type ApiTokenScope } from '@latchkey/contracts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../test/harness';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { Actor } from '../common/current-actor.decorator';
import { dataSourceOptions } from '../database/data-source-options';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';
import { UserType } from '../directory/user-type.entity';
import { ApiToken } from './api-token.entity';
import type { CreateApiTokenDto } from './api-tokens.dto';
import {
  ApiTokensService,
  expiredToken,
  hashOfToken,
  LAST_USED_PRECISION_MS,
  ORPHAN_TOKEN,
  REVOKED_TOKEN,
  SUSPENDED_ACCOUNT,
  UNKNOWN_TOKEN,
} from './api-tokens.service';

describe('ApiTokensService (real database)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let clock: Clock;
  let service: ApiTokensService;
  const tenantId = randomUUID();
  const owner: Actor = {
    identityId: randomUUID(),
    loginId: randomUUID(),
    email: 'olivia@acme.test',
    role: 'owner',
    tenantId,
    sessionId: 'sid',
    flowId: 'sid',
    address: '203.0.113.9',
    apiTokenId: null,
  };

  const dto = (name: string, scopes: ApiTokenScope[], expiresAt?: string): CreateApiTokenDto => ({
    name,
    scopes,
    expiresAt,
  });
  const refusal = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (e) {
      return e;
    }
    throw new Error('expected a refusal');
  };
  const row = (id: string) => ds.getRepository(ApiToken).findOneByOrFail({ id });

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ ...dataSourceOptions(testConfig(db)), migrationsRun: true }).initialize();
    clock = new Clock();
    service = new ApiTokensService(ds, new AuditService(ds), clock);
    const now = new Date();
    await ds.getRepository(Tenant).insert({
      id: tenantId,
      name: 'Acme',
      kind: 'customer',
      twoFactorEnabled: false,
      suspendedAt: null,
      createdAt: now,
    });
    const typeId = randomUUID();
    await ds.getRepository(UserType).insert({ tenantId, id: typeId, name: 'Owners', createdAt: now });
    await ds
      .getRepository(Identity)
      .insert({ id: owner.identityId, email: owner.email, passwordHash: 'h', createdAt: now });
    await ds.getRepository(Login).insert({
      tenantId,
      id: owner.loginId,
      identityId: owner.identityId,
      userTypeId: typeId,
      displayName: 'Olivia',
      role: 'owner',
      createdAt: now,
    });
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('makes a token of lk_ and 256 random bits, keeping only its SHA-256, audited', async () => {
    const { token, secret } = await service.create(
      owner,
      tenantId,
      dto('HR sync', ['users:write', 'users:read']),
    );
    expect(secret).toMatch(API_TOKEN_PATTERN);
    expect(token.scopes).toEqual(['users:read', 'users:write']);
    const stored = await row(token.id);
    expect(stored.secretHash).toBe(hashOfToken(secret));
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    const event = await ds.getRepository(AuditEvent).findOneByOrFail({ targetId: token.id });
    expect(event).toMatchObject({
      action: 'api-token.created',
      actorLabel: owner.email,
      address: owner.address,
    });
    const other = await service.create(owner, tenantId, dto('Other', ['users:read']));
    expect(other.secret).not.toBe(secret);
  });

  it('authenticates a token as the owner who made it, with its scopes', async () => {
    const { token, secret } = await service.create(owner, tenantId, dto('Reader', ['policy:read']));
    await expect(service.authenticate(secret)).resolves.toEqual({
      id: token.id,
      tenantId,
      name: 'Reader',
      scopes: ['policy:read'],
      createdByIdentityId: owner.identityId,
      createdByLoginId: owner.loginId,
    });
  });

  it.each(['', 'lk_', `lk_${'A'.repeat(43)}`, `xx_${'A'.repeat(43)}`, `lk_${'A'.repeat(44)}`])(
    'refuses %j as unknown (401)',
    async (secret) => {
      const e = await refusal(service.authenticate(secret));
      expect(e).toBeInstanceOf(UnauthorizedException);
      expect((e as Error).message).toBe(UNKNOWN_TOKEN);
    },
  );

  it('refuses an expiry in the past with a 400 naming expiresAt', async () => {
    const e = (await refusal(
      service.create(owner, tenantId, dto('Past', ['users:read'], '2001-01-01T00:00:00Z')),
    )) as { getResponse(): unknown };
    expect(e.getResponse()).toMatchObject({ errors: [{ field: 'expiresAt' }] });
  });

  it('refuses an expired token, by the injected clock', async () => {
    const expiresAt = new Date(clock.now().getTime() + 10 * 60_000);
    const { secret } = await service.create(
      owner,
      tenantId,
      dto('Brief', ['users:read'], expiresAt.toISOString()),
    );
    await expect(service.authenticate(secret)).resolves.toMatchObject({ name: 'Brief' });
    clock.advance(10 * 60_000);
    const e = await refusal(service.authenticate(secret));
    expect(e).toBeInstanceOf(UnauthorizedException);
    expect((e as HttpException).getResponse()).toMatchObject({
      code: 'token.expired',
      params: { at: expiresAt.toISOString() },
    });
    expect((e as Error).message).toBe(expiredToken(expiresAt));
    // Expired, its name is free again.
    await expect(service.create(owner, tenantId, dto('Brief', ['users:read']))).resolves.toBeDefined();
  });

  it('revokes once: 401 from then on, a second revoke 409, an unknown id 404', async () => {
    const { token, secret } = await service.create(owner, tenantId, dto('Leaked', ['users:read']));
    await service.revoke(owner, tenantId, token.id);
    expect((await row(token.id)).revokedAt).not.toBeNull();
    expect(((await refusal(service.authenticate(secret))) as Error).message).toBe(REVOKED_TOKEN);
    expect(await refusal(service.revoke(owner, tenantId, token.id))).toBeInstanceOf(ConflictException);
    expect(await refusal(service.revoke(owner, tenantId, randomUUID()))).toBeInstanceOf(NotFoundException);
    expect(await refusal(service.revoke(owner, randomUUID(), token.id))).toBeInstanceOf(NotFoundException);
    const events = await ds
      .getRepository(AuditEvent)
      .findBy({ targetId: token.id, action: 'api-token.revoked' });
    expect(events).toHaveLength(1);
  });

  it('refuses a second usable token of one name (409)', async () => {
    await service.create(owner, tenantId, dto('Twice', ['users:read']));
    expect(await refusal(service.create(owner, tenantId, dto('Twice', ['users:read'])))).toBeInstanceOf(
      ConflictException,
    );
  });

  it('writes the last use at most once a minute, also when calls cross', async () => {
    const { token, secret } = await service.create(owner, tenantId, dto('Busy', ['users:read']));
    expect((await row(token.id)).lastUsedAt).toBeNull();
    await Promise.all([1, 2, 3, 4, 5].map(() => service.authenticate(secret)));
    const first = (await row(token.id)).lastUsedAt;
    expect(first?.getTime()).toBeGreaterThan(0);
    await service.authenticate(secret);
    expect((await row(token.id)).lastUsedAt?.getTime()).toBe(first?.getTime());
    clock.advance(LAST_USED_PRECISION_MS);
    await service.authenticate(secret);
    expect((await row(token.id)).lastUsedAt?.getTime()).toBeGreaterThan(first?.getTime() ?? 0);
  });

  it("refuses a suspended account's token (403), and one whose maker's login is gone (401)", async () => {
    const { secret } = await service.create(owner, tenantId, dto('Suspended', ['users:read']));
    await ds.getRepository(Tenant).update({ id: tenantId }, { suspendedAt: new Date() });
    const e = await refusal(service.authenticate(secret));
    expect(e).toBeInstanceOf(ForbiddenException);
    expect((e as Error).message).toBe(SUSPENDED_ACCOUNT);
    await ds.getRepository(Tenant).update({ id: tenantId }, { suspendedAt: null });

    await ds.getRepository(ApiToken).update({ secretHash: hashOfToken(secret) }, { createdBy: randomUUID() });
    expect(((await refusal(service.authenticate(secret))) as Error).message).toBe(ORPHAN_TOKEN);
  });

  it('lists the tokens newest first with their maker, never a secret or hash', async () => {
    const list = await service.list(tenantId);
    expect(list.length).toBeGreaterThan(5);
    expect(list.find((k) => k.name === 'HR sync')?.createdBy).toBe(owner.email);
    expect(JSON.stringify(list)).not.toMatch(/lk_|[0-9a-f]{64}/);
    const times = list.map((k) => k.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(await refusal(service.list(randomUUID()))).toBeInstanceOf(NotFoundException);
  });
});

describe('tokenGrants', () => {
  it.each<[ApiTokenScope[], ApiTokenScope, boolean]>([
    [['users:read'], 'users:read', true],
    [['users:read'], 'users:write', false],
    [['users:write'], 'users:read', true],
    [['users:write'], 'policy:read', false],
    [['policy:write'], 'policy:read', true],
    [['policy:read'], 'policy:write', false],
    [[], 'users:read', false],
  ])('%j grants %s: %s', (scopes, needed, granted) => {
    expect(tokenGrants(scopes, needed)).toBe(granted);
  });
});
