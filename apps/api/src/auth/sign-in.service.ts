import { ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { LoginOption, SignInAnswer } from '@latchkey/contracts';
import { AuditService, type AuditActor } from '../audit/audit.service';
import { EXPIRED_MESSAGE } from '../common/access.guard';
import type { Identity } from '../directory/identity.entity';
import { DirectoryService } from '../directory/directory.service';
import { PasswordHasher } from './password-hasher';
import { PENDING_TTL_MS, SIGNED_IN_IDLE_MS, type SignInSession } from './sign-in-session';

export const WRONG_CREDENTIALS = 'Incorrect email or password';

/**
 * The sign-in state machine (DESIGN.md §3). Every path to a signed-in session goes through
 * `select`; each step rotates the session id.
 *
 *   password ──► pick-login (several logins) ──► select ──► [second factor, later] ──► signed-in
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly directory: DirectoryService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** The password step. An unknown email costs one hash and answers like a wrong password. */
  async verifyPassword(email: string, password: string, address: string | null): Promise<Identity> {
    const identity = await this.directory.findIdentityByEmail(email);
    const ok = identity
      ? await this.hasher.verify(identity.passwordHash, password)
      : await this.hasher.verifyDecoy(password);
    if (identity && ok) return identity;

    const tenants = identity
      ? [...new Set((await this.directory.loginsOf(identity.id)).map((v) => v.login.tenantId))]
      : [];
    const actor: AuditActor = {
      identityId: identity?.id ?? null,
      loginId: null,
      label: email.trim().toLowerCase(),
    };
    for (const tenantId of tenants.length > 0 ? tenants : [null]) {
      await this.audit.record({
        action: 'sign-in.failed',
        tenantId,
        actor,
        target: {
          type: 'identity',
          id: identity?.id ?? null,
          label: actor.label,
        },
        after: { reason: identity ? 'wrong-password' : 'unknown-email' },
        address,
      });
    }
    throw new UnauthorizedException(WRONG_CREDENTIALS);
  }

  /** After a matching password: straight on with one login, to the picker with several. */
  async afterPassword(request: Request, identity: Identity): Promise<SignInAnswer> {
    const options = await this.directory.loginOptions(identity);
    if (options.length === 0) {
      throw new ForbiddenException('This email has no active login. Ask your account owner.');
    }
    if (options.length === 1) return this.select(request, identity, options[0]);

    await this.rotate(request, {
      stage: 'pick-login',
      identityId: identity.id,
      candidates: options.map((o) => o.loginId),
      loginId: null,
      expiresAt: Date.now() + PENDING_TTL_MS,
    });
    return { state: 'pick-login', logins: options };
  }

  /** The picker: only a login the password unlocked. */
  async pick(request: Request, loginId: string): Promise<SignInAnswer> {
    const pending = request.session.signIn;
    if (!pending || pending.stage !== 'pick-login') throw new UnauthorizedException(EXPIRED_MESSAGE);
    const identity = await this.directory.findIdentity(pending.identityId);
    if (!identity) throw new UnauthorizedException(EXPIRED_MESSAGE);

    const option = pending.candidates.includes(loginId)
      ? (await this.directory.loginOptions(identity)).find((o) => o.loginId === loginId)
      : undefined;
    if (!option) {
      await this.audit.record({
        action: 'sign-in.pick-refused',
        tenantId: null,
        actor: {
          identityId: identity.id,
          loginId: null,
          label: identity.email,
        },
        target: { type: 'login', id: loginId },
        address: request.ip ?? null,
      });
      throw new NotFoundException('That login is not one of the logins of this email');
    }
    return this.select(request, identity, option);
  }

  /** Where the sign-in stands, for a console that reloads mid-way. */
  async state(request: Request): Promise<SignInAnswer> {
    const signIn = request.session?.signIn;
    if (!signIn) return { state: 'signed-out' };
    if (signIn.stage === 'signed-in') {
      const me = await this.directory.describe(signIn.identityId, signIn.loginId);
      return me ? { state: 'signed-in', me } : { state: 'signed-out' };
    }
    if (signIn.expiresAt <= Date.now()) return { state: 'signed-out' };
    if (signIn.stage === 'pick-login') {
      const identity = await this.directory.findIdentity(signIn.identityId);
      const logins = identity ? await this.directory.loginOptions(identity) : [];
      return {
        state: 'pick-login',
        logins: logins.filter((l) => signIn.candidates.includes(l.loginId)),
      };
    }
    return { state: signIn.stage, deadline: null };
  }

  async logout(request: Request): Promise<SignInAnswer> {
    const signIn = request.session?.signIn;
    if (signIn?.stage === 'signed-in') {
      const me = await this.directory.describe(signIn.identityId, signIn.loginId);
      await this.audit.record({
        action: 'sign-out',
        tenantId: signIn.tenantId,
        actor: {
          identityId: signIn.identityId,
          loginId: signIn.loginId,
          label: me?.email ?? signIn.identityId,
        },
        target: { type: 'login', id: signIn.loginId },
        address: request.ip ?? null,
      });
    }
    if (request.session) {
      await new Promise<void>((resolve, reject) =>
        request.session.destroy((e: unknown) => (e ? reject(e) : resolve())),
      );
    }
    return { state: 'signed-out' };
  }

  /**
   * A login is chosen. The second-factor steps will be decided here (by the policy resolver);
   * until then a chosen login is signed in.
   */
  private async select(request: Request, identity: Identity, option: LoginOption): Promise<SignInAnswer> {
    const me = await this.directory.describe(identity.id, option.loginId);
    if (!me) throw new UnauthorizedException(EXPIRED_MESSAGE);

    await this.rotate(request, {
      stage: 'signed-in',
      identityId: identity.id,
      loginId: option.loginId,
      tenantId: option.tenantId,
      role: me.role,
      signedInAt: Date.now(),
    });
    await this.audit.record({
      action: 'sign-in.succeeded',
      tenantId: option.tenantId,
      actor: {
        identityId: identity.id,
        loginId: option.loginId,
        label: identity.email,
      },
      target: {
        type: option.kind === 'platform' ? 'platform' : 'login',
        id: option.loginId,
        label: me.displayName,
      },
      after: { role: me.role, userType: me.userTypeName },
      address: request.ip ?? null,
    });
    return { state: 'signed-in', me };
  }

  /** A new session id for every step, so an id seen before a step is worthless after it. */
  private async rotate(request: Request, signIn: SignInSession): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      request.session.regenerate((e: unknown) => (e ? reject(e) : resolve())),
    );
    request.session.signIn = signIn;
    request.session.cookie.maxAge = signIn.stage === 'signed-in' ? SIGNED_IN_IDLE_MS : PENDING_TTL_MS;
    await new Promise<void>((resolve, reject) =>
      request.session.save((e: unknown) => (e ? reject(e) : resolve())),
    );
  }
}
