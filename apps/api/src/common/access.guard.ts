import {
  BadRequestException,
  ForbiddenException,
  HttpStatus,
  Injectable,
  NotFoundException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { unsign } from 'cookie-signature';
import type { Request, Response } from 'express';
import {
  ERROR_MESSAGES,
  errorText,
  SESSION_COOKIE,
  SESSION_END_MESSAGES,
  tokenGrants,
  type ApiTokenScope,
  type SessionEndedBody,
} from '@latchkey/contracts';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { AppConfig } from '../config/app-config';
import { SessionsService } from '../database/sessions.service';
import { ACCESS_KEY, TOKEN_SCOPE_KEY, type AccessRule } from './access.decorators';
import { refusal } from './http-errors';
import { bearerTokenOf, hasSessionCookie, setTokenCaller } from './current-actor.decorator';

export const EXPIRED_MESSAGE = ERROR_MESSAGES['session.expired'];
export const NO_TOKEN_ROUTE = ERROR_MESSAGES['token.route-refused'];
export const FOREIGN_TOKEN = ERROR_MESSAGES['token.foreign-account'];
export const missingScope = (scope: ApiTokenScope) => errorText('token.missing-scope', { scope });
export const TOKEN_AND_COOKIE = ERROR_MESSAGES['token.and-cookie'];

/**
 * The one gate every route passes: public routes, pending sign-in steps, and signed-in roles
 * with tenant scope. A pending session reaches nothing but its own next step. A bearer call (a
 * tenant API token) reaches only the owner routes that name a scope it holds, in its own tenant,
 * and never reads the session. A signed-in route called with the cookie of a session that was
 * ended server-side (a reset, an owner's "sign out now"…) answers why (`sessionEnded`).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiTokens: ApiTokensService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('This route declares no access rule');

    const request = context.switchToHttp().getRequest<Request>();
    const bearer = bearerTokenOf(request);
    if (bearer !== null) return this.admitToken(context, request, rule, bearer);
    if (rule.kind === 'public') return true;

    const signIn = request.session?.signIn;

    if (rule.kind === 'step') {
      if (!signIn || signIn.stage === 'signed-in' || !rule.stages.includes(signIn.stage)) {
        throw new UnauthorizedException('No sign-in is waiting for this step');
      }
      if (signIn.expiresAt <= Date.now()) throw new UnauthorizedException(EXPIRED_MESSAGE);
      return true;
    }

    if (!signIn) return this.notSignedIn(request);
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

  /**
   * A 401 for a signed-in route without a session: with the reason when the request carries the
   * cookie (signed by express-session with our secret) of a session that a revocation ended.
   */
  private async notSignedIn(request: Request): Promise<never> {
    const cookie = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    const sessionId =
      typeof cookie === 'string' && cookie.startsWith('s:')
        ? unsign(cookie.slice(2), this.config.sessionSecret)
        : false;
    const reason = sessionId ? await this.sessions.endedReason(sessionId) : null;
    if (!reason) throw new UnauthorizedException('Not signed in');
    const body: SessionEndedBody = {
      statusCode: 401,
      error: 'Unauthorized',
      message: SESSION_END_MESSAGES[reason],
      code: `session.ended.${reason}`,
      params: {},
      sessionEnded: reason,
    };
    throw new UnauthorizedException(body);
  }

  /**
   * A bearer call: the token must be valid (else 401), the route an owner route of the token's
   * tenant that names a scope (else 403), and the token must hold that scope (else 403).
   */
  private async admitToken(
    context: ExecutionContext,
    request: Request,
    rule: AccessRule,
    secret: string,
  ): Promise<boolean> {
    if (hasSessionCookie(request)) throw new BadRequestException(TOKEN_AND_COOKIE);
    const caller = await this.apiTokens.authenticate(secret).catch((e: unknown) => {
      // RFC 6750: a refused token says how to authenticate.
      if (e instanceof UnauthorizedException)
        context
          .switchToHttp()
          .getResponse<Response>()
          .setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw e;
    });
    const scope = this.reflector.getAllAndOverride<ApiTokenScope | undefined>(TOKEN_SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const tenantId = request.params?.['tenantId'];
    if (!scope || rule.kind !== 'roles' || !rule.roles.includes('owner') || tenantId === undefined)
      throw new ForbiddenException(NO_TOKEN_ROUTE);
    if (tenantId !== caller.tenantId) throw new ForbiddenException(FOREIGN_TOKEN);
    if (!tokenGrants(caller.scopes, scope))
      throw refusal(HttpStatus.FORBIDDEN, 'token.missing-scope', { scope });
    setTokenCaller(request, caller);
    return true;
  }
}
