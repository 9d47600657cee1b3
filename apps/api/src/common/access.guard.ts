import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_KEY, type AccessRule } from './access.decorators';

export const EXPIRED_MESSAGE = 'Your sign-in expired. Please sign in again.';

/**
 * The one gate every route passes: public routes, pending sign-in steps, and signed-in roles
 * with tenant scope. A pending session reaches nothing but its own next step.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('This route declares no access rule');
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<Request>();
    const signIn = request.session?.signIn;

    if (rule.kind === 'step') {
      if (!signIn || signIn.stage === 'signed-in' || !rule.stages.includes(signIn.stage)) {
        throw new UnauthorizedException('No sign-in is waiting for this step');
      }
      if (signIn.expiresAt <= Date.now()) throw new UnauthorizedException(EXPIRED_MESSAGE);
      return true;
    }

    if (!signIn) throw new UnauthorizedException('Not signed in');
    if (signIn.stage !== 'signed-in') {
      throw new UnauthorizedException(
        signIn.expiresAt <= Date.now() ? EXPIRED_MESSAGE : 'Finish signing in first',
      );
    }
    if (!rule.roles.includes(signIn.role)) throw new ForbiddenException('Your role may not do this');

    const tenantId = request.params?.['tenantId'];
    if (tenantId !== undefined && signIn.role !== 'super' && signIn.tenantId !== tenantId) {
      throw new NotFoundException('No such tenant');
    }
    return true;
  }
}
