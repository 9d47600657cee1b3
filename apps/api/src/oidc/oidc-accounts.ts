import type { Account, FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import type { DataSource } from 'typeorm';
import { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';
import { UserType } from '../directory/user-type.entity';

/** The claims of the scopes Latchkey answers, in the ID token and from userinfo (DESIGN §10). */
export const CLAIMS_OF_SCOPES = {
  openid: ['sub', 'auth_time', 'acr', 'amr', 'tenant', 'tenant_name', 'user_type', 'user_type_id'],
  email: ['email'],
  profile: ['name'],
};

interface AccountRow {
  login_id: string;
  tenant_id: string;
  tenant_name: string;
  user_type_id: string;
  user_type_name: string;
  email: string;
  display_name: string;
}

/**
 * The provider's accounts are logins (`sub` is the login's id). A login that is gone, or whose
 * tenant is suspended, is no account: its tokens stop answering userinfo.
 */
export function findAccountIn(dataSource: DataSource): FindAccount {
  return async (ctx: KoaContextWithOIDC, sub: string, token): Promise<Account | undefined> => {
    const row = await dataSource
      .createQueryBuilder()
      .select('l.id', 'login_id')
      .addSelect('l.tenant_id', 'tenant_id')
      .addSelect('t.name', 'tenant_name')
      .addSelect('u.id', 'user_type_id')
      .addSelect('u.name', 'user_type_name')
      .addSelect('i.email', 'email')
      .addSelect('l.display_name', 'display_name')
      .from(Login, 'l')
      .innerJoin(Tenant, 't', 't.id = l.tenant_id')
      .innerJoin(UserType, 'u', 'u.tenant_id = l.tenant_id AND u.id = l.user_type_id')
      .innerJoin(Identity, 'i', 'i.id = l.identity_id')
      .where('l.id = :sub AND t.suspended_at IS NULL AND l.deactivated_at IS NULL', { sub })
      .getRawOne<AccountRow>();
    if (!row) return undefined;
    // How the sign-in was proven, kept on the access token (`extraTokenClaims`), for userinfo.
    const extra = (token as { extra?: { acr?: string; amr?: string[] } } | undefined)?.extra;
    return {
      accountId: row.login_id,
      claims: () => ({
        sub: row.login_id,
        tenant: row.tenant_id,
        tenant_name: row.tenant_name,
        user_type: row.user_type_name,
        user_type_id: row.user_type_id,
        email: row.email,
        name: row.display_name,
        ...(extra?.acr ? { acr: extra.acr } : {}),
        ...(extra?.amr ? { amr: extra.amr } : {}),
      }),
    };
  };
}

/** What the code or refresh token behind a new access token says of the sign-in: acr and amr. */
export function signInProofOf(ctx: KoaContextWithOIDC): { acr?: string; amr?: string[] } | undefined {
  const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
  if (!source) return undefined;
  return { ...(source.acr ? { acr: source.acr } : {}), ...(source.amr ? { amr: source.amr } : {}) };
}
