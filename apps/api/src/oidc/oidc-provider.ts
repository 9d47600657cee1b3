import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Configuration, Grant, KoaContextWithOIDC, default as Provider } from 'oidc-provider';
import { ACR_VALUES, ApiPaths } from '@latchkey/contracts';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { oidcAdapter } from './oidc-adapter';
import { INTERACTION_TTL_SECONDS } from './interaction-ttl';
import { CLAIMS_OF_SCOPES, findAccountIn, signInProofOf } from './oidc-accounts';
import { endConsoleSession, errorPage, logoutPage } from './oidc-pages';
import { oidcProviderModule } from './oidc-provider-module';

/** Where the provider is mounted; the issuer is the public URL with this path. */
export const OIDC_PATH = '/oidc';

/** A presented client secret against the SHA-256 the application keeps (constant time). */
function secretMatches(storedHash: string, presented: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const given = createHash('sha256').update(presented).digest();
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The scopes an application may ask for; all are granted (the applications are the tenant's own). */
const SCOPES = ['openid', 'email', 'profile', 'offline_access'];

/**
 * Every authorization request goes through Latchkey's sign-in machine, never through the
 * provider's own session alone: the machine decides single sign-on on the console's session, so a
 * reset, a sign-out or a raised policy is seen by the very next request of every application.
 */
function latchkeyDecides() {
  const { interactionPolicy } = oidcProviderModule();
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('latchkey_sign_in', 'Latchkey signs in every request', (ctx) =>
        ctx.oidc.result?.login
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

/**
 * No consent screen: the applications are the tenant's own (first-party), registered by its
 * owner, so each sign-in's grant holds the scopes asked for among those Latchkey answers.
 */
async function grantOfTheTenant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const accountId = oidc.session?.accountId;
  if (!oidc.client || !accountId) return undefined;
  const existingId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client.clientId);
  const existing = existingId ? await oidc.provider.Grant.find(existingId) : undefined;
  const grant =
    existing?.accountId === accountId
      ? existing
      : new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
  const asked = String(oidc.params?.['scope'] ?? '').split(' ');
  const held = new Set(grant.getOIDCScope().split(' '));
  const missing = SCOPES.filter((scope) => asked.includes(scope) && !held.has(scope));
  // A grant that already holds what is asked is not written again (one write less per sign-in).
  if (missing.length === 0 && grant === existing) return grant;
  grant.addOIDCScope(missing.join(' '));
  await grant.save();
  return grant;
}

/**
 * The OpenID Connect provider (`oidc-provider`, DESIGN §10): discovery, JWKS, authorization
 * code with PKCE, token, userinfo, revocation, RP-initiated logout. Its storage is the project's
 * database; its clients are the tenants' applications; its signing keys come from the
 * configuration. Protocol code is the library's, never ours. Built on first use (the first request
 * to the provider, or the first sign-in an application started), not at boot: see
 * `oidcProviderModule`.
 */
@Injectable()
export class OidcProvider {
  private built: Provider | undefined;
  private handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get provider(): Provider {
    return (this.built ??= this.build());
  }

  /** The provider's own request handler (it parses its requests), to mount at `OIDC_PATH`. */
  readonly callback = (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    (this.handler ??= this.provider.callback())(req, res);

  private build(): Provider {
    const { config, dataSource } = this;
    const configuration: Configuration = {
      adapter: oidcAdapter(dataSource),
      jwks: { keys: config.signingKeys },
      cookies: { keys: [config.sessionSecret] },
      clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
      enabledJWA: { idTokenSigningAlgValues: ['RS256', 'ES256'] },
      // Public clients (no secret) must prove the code is theirs; S256 only.
      pkce: { required: (_ctx: KoaContextWithOIDC, client) => client.tokenEndpointAuthMethod === 'none' },
      features: {
        devInteractions: { enabled: false },
        revocation: { enabled: true },
        userinfo: { enabled: true },
        rpInitiatedLogout: { enabled: true, logoutSource: logoutPage },
      },
      rotateRefreshToken: true,
      // Seconds. A sign-in may include enrolling (15 minutes); a provider session lasts a working day.
      ttl: {
        AuthorizationCode: 60,
        AccessToken: 10 * 60,
        IdToken: 60 * 60,
        Interaction: INTERACTION_TTL_SECONDS,
        Session: 8 * 60 * 60,
        Grant: 14 * 24 * 60 * 60,
        RefreshToken: 14 * 24 * 60 * 60,
      },
      // The console's sign-in pages take the interaction over (the state machine of DESIGN §3).
      // The sign-in machine takes the interaction over (its cookie's path is this URL's).
      interactions: {
        url: (_ctx, interaction) => ApiPaths.interaction(interaction.uid),
        policy: latchkeyDecides(),
      },
      loadExistingGrant: grantOfTheTenant,
      scopes: SCOPES,
      acrValues: ACR_VALUES,
      claims: CLAIMS_OF_SCOPES,
      // The ID token carries the claims of the scopes granted, not only userinfo.
      conformIdTokenClaims: false,
      findAccount: findAccountIn(dataSource),
      extraTokenClaims: (ctx) => signInProofOf(ctx),
      // An application allowed the refresh grant gets refresh tokens (rotated on each use).
      issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      renderError: errorPage,
    };
    const provider = new (oidcProviderModule().default)(`${config.publicUrl}${OIDC_PATH}`, configuration);
    provider.proxy = config.trustProxy > 0;
    provider.on('end_session.success', endConsoleSession);
    // Only the SHA-256 of a client secret is kept (it is `client_secret` in the metadata).
    provider.Client.prototype.compareClientSecret = function (
      this: { clientSecret?: string },
      actual: string,
    ) {
      return Promise.resolve(!!this.clientSecret && secretMatches(this.clientSecret, actual));
    };
    return provider;
  }
}
