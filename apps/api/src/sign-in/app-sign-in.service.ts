import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  ACR_OF_METHOD,
  ACR_UPSTREAM_MFA,
  APP_LINK_EXPIRED_NOTICE,
  methodOfAcr,
  type TwoFactorMethod,
} from '@latchkey/contracts';
import { meetsFloor, methodRank } from '@latchkey/policy';
import { Application } from '../applications/application.entity';
import { Login } from '../directory/login.entity';
import { Tenant } from '../directory/tenant.entity';
import { OidcProvider } from '../oidc/oidc-provider';
import type { SessionPort } from './session-port';
import type { AppSignIn, SignedIn } from './sign-in-session';

/** Where the console's sign-in pages are. */
const SIGN_IN_PAGE = '/sign-in';
const LINK_EXPIRED_PAGE = `${SIGN_IN_PAGE}?notice=${APP_LINK_EXPIRED_NOTICE}`;

/**
 * RFC 8176 methods of a sign-in that proved `factor`: a password, or what the tenant's provider
 * said (its `amr` as it was when its MFA was trusted), then Latchkey's factor.
 */
export function amrOf(factor: TwoFactorMethod, upstream?: SignedIn['upstream']): string[] {
  if (upstream?.trusted) return upstream.amr;
  const first = upstream ? upstream.amr.filter((value) => value !== 'mfa') : ['pwd'];
  const local = factor === 'pin' ? ['pin'] : factor === 'authenticator' ? ['otp'] : [];
  const all = [...new Set([...first, ...local])];
  return local.length > 0 ? [...all, 'mfa'] : all;
}

/**
 * The least method an application asked for with `acr_values` (space-separated): any listed value
 * Latchkey knows would do, so the weakest of them is the requirement; null when none is known.
 */
export function requiredByAcrValues(acrValues: unknown): TwoFactorMethod | null {
  if (typeof acrValues !== 'string') return null;
  const methods = acrValues
    .split(' ')
    .map(methodOfAcr)
    .filter((m): m is TwoFactorMethod => m !== null);
  if (methods.length === 0) return null;
  return methods.reduce((a, b) => (methodRank(a) <= methodRank(b) ? a : b));
}

/**
 * An application's sign-in (DESIGN §10) on the sign-in machine: the provider's interaction hands
 * the browser over here; the console's sign-in pages run the tenant's policy (raised to what the
 * application asked for); the machine's `finish` hands the signed-in login back to the provider.
 */
@Injectable()
export class AppSignInService {
  constructor(
    private readonly oidc: OidcProvider,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The browser arrives from the provider. Its interaction cookie proves this browser began the
   * sign-in at the application. A session already signed in with a fitting login goes straight
   * back (single sign-on); otherwise a new sign-in begins on the console's pages.
   */
  async begin(port: SessionPort, request: IncomingMessage, response: ServerResponse): Promise<string> {
    const interaction = await this.oidc.provider.interactionDetails(request, response).catch(() => null);
    const clientId = String(interaction?.params['client_id'] ?? '');
    const application = interaction
      ? await this.dataSource.getRepository(Application).findOneBy({ id: clientId })
      : null;
    const tenant = application
      ? await this.dataSource.getRepository(Tenant).findOneBy({ id: application.tenantId })
      : null;
    // Expired, opened in another browser, or its application deleted meanwhile: the page says so.
    if (!interaction || !application || !tenant) return LINK_EXPIRED_PAGE;
    const app: AppSignIn = {
      uid: interaction.uid,
      clientId,
      applicationName: application.name,
      tenantId: tenant.id,
      tenantName: tenant.name,
      userTypeIds: application.allowedUserTypeIds,
      required: requiredByAcrValues(interaction.params['acr_values']),
    };
    if (tenant.suspendedAt) return this.refuse(app, 'access_denied', `${tenant.name} is suspended.`);

    const current = port.current();
    const prompts = String(interaction.params['prompt'] ?? '').split(' ');
    const maxAge = Number(interaction.params['max_age'] ?? NaN);
    if (
      current?.stage === 'signed-in' &&
      !prompts.includes('login') &&
      !(maxAge >= 0 && current.signedInAt < Date.now() - maxAge * 1000) &&
      (await this.fits(app, current))
    ) {
      return (await this.complete(app, current)) ?? SIGN_IN_PAGE;
    }
    await port.beginApp(app, current !== undefined);
    return SIGN_IN_PAGE;
  }

  /** True when `userTypeId` may use the application. */
  admits(app: AppSignIn, userTypeId: string): boolean {
    return app.userTypeIds === null || app.userTypeIds.includes(userTypeId);
  }

  /** A signed-in session the application may take as it is: its tenant, its user types, its factor. */
  private async fits(app: AppSignIn, signedIn: SignedIn): Promise<boolean> {
    if (signedIn.tenantId !== app.tenantId) return false;
    if (app.required && !meetsFloor(signedIn.factor ?? 'off', app.required)) return false;
    const login = await this.dataSource
      .getRepository(Login)
      .findOneBy({ tenantId: app.tenantId, id: signedIn.loginId });
    return !!login && this.admits(app, login.userTypeId);
  }

  /**
   * The sign-in finished: the provider learns who signed in and with what, and the browser goes
   * back to it. Null when the interaction is gone (it expired): the console stays signed in.
   */
  async complete(app: AppSignIn, signedIn: SignedIn): Promise<string | null> {
    const factor = signedIn.factor ?? 'off';
    if (app.required && !meetsFloor(factor, app.required)) {
      // The machine raises the factor to the requirement; this is the last guard, never less.
      return this.refuse(app, 'unmet_authentication_requirements', 'The factor asked for was not proven.');
    }
    return this.result(app.uid, {
      login: {
        accountId: signedIn.loginId,
        acr: signedIn.upstream?.trusted ? ACR_UPSTREAM_MFA : ACR_OF_METHOD[factor],
        amr: amrOf(factor, signedIn.upstream),
        ts: Math.floor(signedIn.signedInAt / 1000),
      },
    });
  }

  /** Sends the browser back to the application with an OAuth error. */
  private async refuse(app: AppSignIn, error: string, description: string): Promise<string> {
    return (await this.result(app.uid, { error, error_description: description })) ?? SIGN_IN_PAGE;
  }

  private async result(uid: string, result: Record<string, unknown>): Promise<string | null> {
    const interaction = await this.oidc.provider.Interaction.find(uid);
    if (!interaction) return null;
    interaction.result = result;
    await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    return interaction.returnTo;
  }
}
