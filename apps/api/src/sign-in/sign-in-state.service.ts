import { Injectable } from '@nestjs/common';
import type { SignInAnswer } from '@latchkey/contracts';
import { AuditService } from '../audit/audit.service';
import { DirectoryService, optionOf } from '../directory/directory.service';
import { openDeadline, type SessionPort } from './session-port';
import { SignInService } from './sign-in.service';

/** Where a sign-in stands (a console that reloads mid-way), and signing out. */
@Injectable()
export class SignInStateService {
  constructor(
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
    private readonly signIn: SignInService,
  ) {}

  /** Where the sign-in stands, for a console that reloads mid-way. */
  async state(port: SessionPort): Promise<SignInAnswer> {
    const signIn = port.current();
    if (!signIn) return { state: 'signed-out' };
    if (signIn.stage === 'signed-in') {
      const me = await this.directory.describe(signIn.identityId, signIn.loginId);
      return me ? { state: 'signed-in', me } : { state: 'signed-out' };
    }
    if (signIn.expiresAt <= Date.now()) return { state: 'signed-out' };
    if (signIn.stage === 'pick-login') {
      const views = await this.directory.loginsOf(signIn.identityId);
      const candidates = views.filter((v) => !v.tenantSuspended && signIn.candidates.includes(v.login.id));
      return { state: 'pick-login', logins: await this.signIn.pickerOptions(candidates, port) };
    }
    const view = signIn.loginId ? await this.directory.loginOf(signIn.identityId, signIn.loginId) : null;
    return {
      state: signIn.stage,
      deadline: openDeadline(signIn),
      ...(view ? { login: optionOf(view) } : {}),
      ...(signIn.rememberDays ? { rememberDays: signIn.rememberDays } : {}),
      ...(signIn.handover ? { handover: signIn.handover } : {}),
    };
  }

  async logout(port: SessionPort): Promise<SignInAnswer> {
    const signIn = port.current();
    if (signIn?.stage === 'signed-in') {
      await this.audit.record({
        action: 'sign-out',
        tenantId: signIn.tenantId,
        actor: { identityId: signIn.identityId, loginId: signIn.loginId, label: signIn.email },
        target: { type: 'login', id: signIn.loginId },
        address: port.attempt.address,
      });
    }
    await port.destroy();
    return { state: 'signed-out' };
  }
}
