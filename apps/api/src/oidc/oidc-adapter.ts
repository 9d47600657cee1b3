import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { Application } from '../applications/application.entity';
import { OidcPayloadRow } from './oidc-payload.entity';
import { oidcProviderModule } from './oidc-provider-module';

/** What the provider knows of an application: its registration as OpenID Connect client metadata. */
export function clientMetadataOf(app: Application): AdapterPayload {
  const confidential = app.kind === 'confidential';
  return {
    client_id: app.id,
    client_name: app.name,
    // The provider compares a presented secret with this through `compareClientSecret`, which
    // the provider module replaces by a comparison of hashes: the secret itself is not kept.
    ...(confidential ? { client_secret: app.secretHash ?? '' } : {}),
    token_endpoint_auth_method: confidential ? 'client_secret_basic' : 'none',
    redirect_uris: app.redirectUris,
    post_logout_redirect_uris: app.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The applications table, read-only: clients are registered in the console, not by the protocol. */
class ClientAdapter implements Adapter {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const app = await this.dataSource.getRepository(Application).findOneBy({ id });
    return app ? clientMetadataOf(app) : undefined;
  }

  // Clients are registered in the console: the protocol never writes, spends or revokes them.
  upsert(): Promise<void> {
    return Promise.resolve();
  }
  findByUid(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  consume(): Promise<void> {
    return Promise.resolve();
  }
  destroy(): Promise<void> {
    return Promise.resolve();
  }
  revokeByGrantId(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The provider's models in `oidc_payload`, shared by every API process. Spending a code or a
 * refresh token is one conditional write: of two parallel redemptions only one goes on.
 */
class PayloadAdapter implements Adapter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kind: string,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(OidcPayloadRow);
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await this.rows.upsert(
      {
        kind: this.kind,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        accountId: payload.accountId ?? payload.session?.accountId ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
        consumedAt: null,
      },
      ['kind', 'id'],
    );
  }

  private async one(
    where: { id: string } | { uid: string } | { userCode: string },
  ): Promise<AdapterPayload | undefined> {
    const row = await this.rows.findOneBy({ kind: this.kind, ...where });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumedAt ? { ...payload, consumed: epochSeconds(row.consumedAt) } : payload;
  }

  find(id: string) {
    return this.one({ id });
  }

  findByUid(uid: string) {
    return this.one({ uid });
  }

  findByUserCode(userCode: string) {
    return this.one({ userCode });
  }

  async consume(id: string): Promise<void> {
    const spent = await this.rows.update(
      { kind: this.kind, id, consumedAt: IsNull() },
      { consumedAt: new Date() },
    );
    if (spent.affected !== 1)
      throw new (oidcProviderModule().errors.InvalidGrant)(`${this.kind} already used`);
  }

  async destroy(id: string): Promise<void> {
    await this.rows.delete({ kind: this.kind, id });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.rows.delete({ grantId });
  }
}

/**
 * Ends what the provider issued to logins (sessions, grants, codes, access and refresh tokens)
 * by deleting it: every API process reads the table, so the end is seen everywhere at once.
 * `logins` is a sub-query of login ids (with its parameters), or one login id.
 */
export async function revokeProviderGrants(
  manager: EntityManager,
  logins: { loginId: string } | { subQuery: string; parameters: Record<string, unknown> },
): Promise<void> {
  const q = manager.createQueryBuilder().delete().from(OidcPayloadRow);
  if ('loginId' in logins) q.where('account_id = :loginId', { loginId: logins.loginId });
  else q.where(`account_id IN ${logins.subQuery}`, logins.parameters);
  await q.execute();
}

/** The provider's storage on the project's database (both drivers). */
export function oidcAdapter(dataSource: DataSource): AdapterFactory {
  return (name) => (name === 'Client' ? new ClientAdapter(dataSource) : new PayloadAdapter(dataSource, name));
}
