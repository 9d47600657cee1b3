import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '@latchkey/contracts';

/** The signed-in caller of a route, for services that change things and audit them. */
export interface Actor {
  identityId: string;
  loginId: string;
  email: string;
  role: Role;
  tenantId: string | null;
  sessionId: string;
  /** The sign-in flow of this session: what the profile starts (a pending secret) belongs to it. */
  flowId: string;
  address: string | null;
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request>();
  const signIn = request.session?.signIn;
  if (!signIn || signIn.stage !== 'signed-in') throw new UnauthorizedException('Not signed in');
  return {
    identityId: signIn.identityId,
    loginId: signIn.loginId,
    email: signIn.email,
    role: signIn.role,
    tenantId: signIn.tenantId,
    sessionId: request.sessionID,
    flowId: signIn.flowId ?? request.sessionID,
    address: request.ip ?? null,
  };
});
