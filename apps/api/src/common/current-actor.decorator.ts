import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { SESSION_COOKIE, type ApiTokenScope, type Role } from '@latchkey/contracts';

/** The signed-in caller of a route, for services that change things and audit them. */
export interface Actor {
  /**
   * The person who answers for the change. For an API token: the owner who made the token (the
   * token acts in their stead; `email` then names the token, and that is what the audit shows).
   */
  identityId: string;
  loginId: string;
  /** The caller in words: a person's email, or `API token "…"`. */
  email: string;
  role: Role;
  tenantId: string | null;
  /** The session of the call; null for an API token, which has none. */
  sessionId: string | null;
  /** The sign-in flow of this session: what the profile starts (a pending secret) belongs to it. */
  flowId: string;
  address: string | null;
  /** The tenant API token of a bearer call; null for a signed-in person. */
  apiTokenId: string | null;
}

/**
 * The token of `Authorization: Bearer <token>` (possibly empty); null when the request sends no
 * bearer token (a cookie call).
 */
export function bearerTokenOf(request: Request): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  return match ? (match[1] ?? '').trim() : null;
}

/** Whether the request carries the session cookie. */
export function hasSessionCookie(request: Request): boolean {
  const cookies = request.cookies as Record<string, unknown> | undefined;
  return typeof cookies?.[SESSION_COOKIE] === 'string';
}

/** The tenant API token a bearer request was authenticated with (the AccessGuard sets it). */
export interface TokenCaller {
  id: string;
  tenantId: string;
  name: string;
  scopes: ApiTokenScope[];
  /** The owner who made the token. */
  createdByIdentityId: string;
  createdByLoginId: string;
}

const tokenCallers = new WeakMap<Request, TokenCaller>();

/** Marks a request as authenticated by an API token (only the AccessGuard calls it). */
export function setTokenCaller(request: Request, caller: TokenCaller): void {
  tokenCallers.set(request, caller);
}

/** The API token of a bearer request the guard let through; undefined for any other request. */
export function tokenCallerOf(request: Request): TokenCaller | undefined {
  return tokenCallers.get(request);
}

/** How the audit log and the "set by" columns name a token. */
export function apiTokenLabel(name: string): string {
  return `API token "${name}"`;
}

/** The actor of a call made with an API token: an owner of the token's tenant, named by the token. */
export function tokenActor(caller: TokenCaller, address: string | null): Actor {
  return {
    identityId: caller.createdByIdentityId,
    loginId: caller.createdByLoginId,
    email: apiTokenLabel(caller.name),
    role: 'owner',
    tenantId: caller.tenantId,
    sessionId: null,
    flowId: `api-token:${caller.id}`,
    address,
    apiTokenId: caller.id,
  };
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request>();
  const token = tokenCallerOf(request);
  if (token) return tokenActor(token, request.ip ?? null);
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
    apiTokenId: null,
  };
});
