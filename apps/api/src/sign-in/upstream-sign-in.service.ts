import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as client from 'openid-client';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ApiPaths,
  SIGN_IN_PAGES,
  type UpstreamDiscoverAnswer,
  type UpstreamNotice,
} from '@latchkey/contracts';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../common/unique-violation';
import { escapeLike } from '../common/text';
import { DirectoryService } from '../directory/directory.service';
import { IdentityIntake } from '../directory/identity-intake';
import type { Identity } from '../directory/identity.entity';
import { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';
import { innermostMessage, unreachableOrSlow } from '../upstream/connections.discovery';
import { UpstreamClients } from '../upstream/upstream-client';
import { UpstreamConnection, UpstreamLink } from '../upstream/upstream.entities';
import type { SessionPort } from './session-port';
import type { UpstreamProofHeld } from './sign-in-session';
import { NoLoginException, SignInService } from './sign-in.service';

/** How long the browser may stay at the tenant's provider. */
const UPSTREAM_TTL_MS = 10 * 60 * 1000;

const noticeAt = (notice: UpstreamNotice) => `${SIGN_IN_PAGES['signed-out']}?notice=${notice}`;

/** A refusal of the way back: where the browser goes, and what the audit log says. */
class UpstreamRefusal extends Error {
  constructor(
    readonly notice: UpstreamNotice,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Sign-in through a tenant's own OpenID provider (DESIGN §11), as its client (`openid-client`):
 * off to the provider with PKCE, state and nonce kept on the session; back, the code for tokens
 * (signature, audience, state and nonce checked), the identity by its (issuer, subject) link or,
 * the first time, a verified email; then the sign-in machine (`SignInService.afterUpstream`).
 * Every refusal ends on the sign-in page with words, and no session.
 */
@Injectable()
export class UpstreamSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clients: UpstreamClients,
    private readonly directory: DirectoryService,
    private readonly intake: IdentityIntake,
    private readonly signIn: SignInService,
    private readonly audit: AuditService,
  ) {}

  private get redirectUri(): string {
    return `${this.config.publicUrl}${ApiPaths.upstreamCallback}`;
  }

  /** The enabled providers routing this email's domain, in tenants that are not suspended. */
  async discover(email: string): Promise<UpstreamDiscoverAnswer> {
    const domain = domainOf(email);
    const rows = await this.dataSource
      .getRepository(UpstreamConnection)
      .createQueryBuilder('c')
      .innerJoin(Tenant, 't', 't.id = c.tenant_id')
      .addSelect('t.name', 'tenant_name')
      .where('c.enabled = :enabled AND t.suspended_at IS NULL', { enabled: true })
      // The JSON list holds the domain in quotes; the exact match below decides.
      .andWhere(`c.email_domains LIKE :quoted ESCAPE '\\'`, { quoted: `%"${escapeLike(domain)}"%` })
      .orderBy('c.name', 'ASC')
      .getRawAndEntities();
    const matching = rows.entities
      .map((connection, i) => ({ connection, tenantName: String(rows.raw[i]?.['tenant_name'] ?? '') }))
      .filter(({ connection }) => connection.emailDomains.includes(domain));
    return {
      providers: matching.map(({ connection, tenantName }) => ({
        connectionId: connection.id,
        name: connection.name,
        tenantName,
      })),
      passwordAllowed: matching.every(({ connection }) => connection.passwordAllowed),
    };
  }

  /**
   * An account's enabled providers, for its sign-in link; none for an unknown or suspended account
   * (the platform's super users never sign in through a provider). The email still decides whether
   * a password is allowed.
   */
  async ofTenant(tenantId: string): Promise<UpstreamDiscoverAnswer> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!tenant || tenant.suspendedAt || tenant.kind !== 'customer')
      return { providers: [], passwordAllowed: true };
    const connections = await this.dataSource
      .getRepository(UpstreamConnection)
      .find({ where: { tenantId, enabled: true }, order: { name: 'ASC' } });
    return {
      providers: connections.map((c) => ({ connectionId: c.id, name: c.name, tenantName: tenant.name })),
      passwordAllowed: true,
    };
  }

  /** Off to the provider: answers the address to send the browser to. */
  async start(port: SessionPort, connectionId: string): Promise<string> {
    const connection = await this.usable(connectionId);
    if (!connection) return noticeAt('upstream-disabled');
    const config = await this.clients.configurationOf(connection).catch(() => null);
    if (!config) return noticeAt('upstream-unavailable');
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    port.setUpstream({ connectionId, state, nonce, codeVerifier, expiresAt: Date.now() + UPSTREAM_TTL_MS });
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: connection.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    }).href;
  }

  /** Back from the provider (`search` is the callback's query): answers where the browser goes next. */
  async callback(port: SessionPort, search: string): Promise<string> {
    // The way back is spent now: a replayed callback finds nothing to match.
    const pending = port.upstream();
    port.setUpstream(undefined);
    if (!pending || pending.expiresAt <= Date.now()) return noticeAt('upstream-expired');
    const connection = await this.usable(pending.connectionId);
    if (!connection) return noticeAt('upstream-disabled');
    try {
      const held = await this.proofOf(connection, pending, search);
      const identity = await this.identityOf(connection, held);
      const answer = await this.signIn.afterUpstream(port, identity, held.proof);
      if (answer.state === 'signed-in') return answer.redirectTo ?? SIGN_IN_PAGES['signed-in'];
      return SIGN_IN_PAGES[answer.state];
    } catch (e) {
      const refusal =
        e instanceof UpstreamRefusal
          ? e
          : e instanceof NoLoginException
            ? new UpstreamRefusal('upstream-no-login', 'no login in the account for this identity')
            : e instanceof HttpException
              ? new UpstreamRefusal('upstream-refused', e.message)
              : null;
      if (!refusal) throw e;
      await this.audit.record({
        action: 'sign-in.upstream-refused',
        tenantId: connection.tenantId,
        actor: { identityId: null, loginId: null, label: connection.name },
        target: { type: 'connection', id: connection.id, label: connection.name },
        after: { reason: refusal.reason },
        address: port.attempt.address,
      });
      return noticeAt(refusal.notice);
    }
  }

  /** An enabled connection of a tenant that is not suspended. */
  private async usable(connectionId: string): Promise<UpstreamConnection | null> {
    const connection = await this.dataSource
      .getRepository(UpstreamConnection)
      .findOneBy({ id: connectionId });
    if (!connection?.enabled) return null;
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: connection.tenantId });
    return tenant && !tenant.suspendedAt ? connection : null;
  }

  /** The provider's answer, checked by `openid-client`: the tokens and what the ID token says. */
  private async proofOf(
    connection: UpstreamConnection,
    pending: { state: string; nonce: string; codeVerifier: string },
    search: string,
  ): Promise<{
    proof: UpstreamProofHeld;
    subject: string;
    email: string | null;
    verified: boolean;
    name: string | null;
  }> {
    const back = new URL(`${this.redirectUri}${search}`);
    if (back.searchParams.has('error'))
      throw new UpstreamRefusal('upstream-denied', `the provider answered ${back.searchParams.get('error')}`);
    const config = await this.clients.configurationOf(connection).catch(() => {
      throw new UpstreamRefusal('upstream-unavailable', 'the provider could not be reached');
    });
    const tokens = await client
      .authorizationCodeGrant(config, back, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
      .catch((e: unknown) => {
        throw unreachableOrSlow(e)
          ? new UpstreamRefusal('upstream-unavailable', 'the provider did not answer in time')
          : new UpstreamRefusal(
              'upstream-invalid',
              `the provider's answer was refused: ${innermostMessage(e)}`,
            );
      });
    const claims = tokens.claims();
    if (!claims) throw new UpstreamRefusal('upstream-invalid', 'no ID token');
    const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
    return {
      subject: claims.sub,
      email: typeof claims['email'] === 'string' ? claims['email'] : null,
      verified: claims['email_verified'] === true,
      name: typeof claims['name'] === 'string' ? claims['name'] : null,
      proof: {
        connectionId: connection.id,
        connectionName: connection.name,
        tenantId: connection.tenantId,
        allowedUserTypeIds: connection.allowedUserTypeIds,
        trust: {
          mode: connection.trustMode,
          amrValues: connection.trustAmr,
          acrValues: connection.trustAcr,
          maxAuthAgeSeconds: connection.trustMaxAgeSeconds,
        },
        amr,
        acr: typeof claims.acr === 'string' ? claims.acr : null,
        authTime: typeof claims.auth_time === 'number' ? claims.auth_time : null,
      },
    };
  }

  /**
   * The identity the provider vouched for: by its (issuer, subject) link; the first time by a
   * verified email, then linked; with just-in-time logins, made (identity and login) when missing.
   */
  private async identityOf(
    connection: UpstreamConnection,
    answer: { subject: string; email: string | null; verified: boolean; name: string | null },
  ): Promise<Identity> {
    const links = this.dataSource.getRepository(UpstreamLink);
    const linked = await links.findOneBy({ issuer: connection.issuer, subject: answer.subject });
    const byLink = linked ? await this.directory.findIdentity(linked.identityId) : null;
    if (byLink) return this.withLoginIfJit(connection, byLink, answer.name);

    if (!answer.email || !answer.verified)
      throw new UpstreamRefusal('upstream-unverified-email', 'the provider did not verify the email');
    const email = answer.email;
    const existing = await this.directory.findIdentityByEmail(email);
    if (!existing && !this.jitAllows(connection, email))
      throw new UpstreamRefusal('upstream-no-login', 'no identity with this email');
    const identity = existing ?? (await this.createIdentity(email));
    await links
      .insert({
        issuer: connection.issuer,
        subject: answer.subject,
        identityId: identity.id,
        createdAt: new Date(),
      })
      .catch((e: unknown) => {
        // Linked by a parallel first sign-in of the same account: the link stands.
        if (!isUniqueViolation(e)) throw e;
      });
    return this.withLoginIfJit(connection, identity, answer.name);
  }

  private jitAllows(connection: UpstreamConnection, email: string): boolean {
    return connection.jitUserTypeId !== null && connection.emailDomains.includes(domainOf(email));
  }

  private async createIdentity(email: string): Promise<Identity> {
    // No password is chosen or shown: the person signs in through the provider.
    const prepared = await this.intake.prepare(email, undefined, 'email');
    try {
      return await this.dataSource.transaction((manager) => prepared.resolve(manager));
    } catch (e) {
      const made = isUniqueViolation(e) ? await this.directory.findIdentityByEmail(email) : null;
      if (!made) throw e;
      return made;
    }
  }

  /** Just-in-time: a first sign-in from an allowed domain with no login in the tenant makes one. */
  private async withLoginIfJit(
    connection: UpstreamConnection,
    identity: Identity,
    name: string | null,
  ): Promise<Identity> {
    if (!connection.jitUserTypeId || !this.jitAllows(connection, identity.email)) return identity;
    const userTypeId = connection.jitUserTypeId;
    const has = await this.dataSource
      .getRepository(Login)
      .existsBy({ tenantId: connection.tenantId, identityId: identity.id });
    if (has) return identity;
    await this.dataSource
      .transaction(async (manager: EntityManager) => {
        const login = await this.directory.createLogin(
          {
            tenantId: connection.tenantId,
            identityId: identity.id,
            userTypeId,
            displayName: name?.trim().slice(0, 200) || identity.email,
            role: 'user',
          },
          manager,
        );
        await this.audit.record(
          {
            action: 'login.jit-created',
            tenantId: connection.tenantId,
            actor: { identityId: identity.id, loginId: login.id, label: identity.email },
            target: { type: 'login', id: login.id, label: login.displayName },
            after: { connection: connection.name },
          },
          manager,
        );
      })
      .catch((e: unknown) => {
        // A parallel first sign-in made it: the login stands.
        if (!isUniqueViolation(e)) throw e;
      });
    return identity;
  }
}
