import {
  createParamDecorator,
  Injectable,
  UnauthorizedException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Store } from 'express-session';
import { map, tap, type Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { ERROR_MESSAGES } from '@latchkey/contracts';
import type { TypeOrmSessionStore } from '../database/typeorm-session-store';
import type { Attempt, OutgoingCookie, SessionPort } from './session-port';
import {
  APP_SIGN_IN_TTL_MS,
  SIGNED_IN_IDLE_MS,
  type AppSignIn,
  type PendingUpstream,
  type SignInSession,
} from './sign-in-session';

export const ENDED_MEANWHILE = ERROR_MESSAGES['session.ended-meanwhile'];

/** express-session adds `generate` to its store: a new id and an empty session on the request. */
type SessionStore = Store &
  Pick<TypeOrmSessionStore, 'writeIn' | 'destroyIn' | 'replaceIn'> & {
    generate(request: Request): void;
  };

/**
 * The edge's session port: the one place of the sign-in machine that touches express-session
 * and the request. Controllers get it with `@SignInPort()`; `OutgoingCookies` sets the cookies
 * a step asked for once the step has answered.
 */
export class HttpSessionPort implements SessionPort {
  readonly attempt: Attempt;
  readonly outgoing: OutgoingCookie[] = [];
  /** The session id before the first rotation inside a transaction, while that may roll back. */
  private idBeforeTransaction: string | null = null;
  /**
   * The request came with a stored sign-in (or has rotated once): its row must still be there
   * when it rotates, or a revocation committed meanwhile would be undone under a new id.
   */
  private stored: boolean;

  constructor(private readonly request: Request) {
    this.stored = request.session?.signIn !== undefined;
    this.attempt = {
      address: request.ip ?? null,
      cookies: (request.cookies as Record<string, string> | undefined) ?? {},
    };
  }

  current(): SignInSession | undefined {
    return this.request.session?.signIn;
  }

  app(): AppSignIn | undefined {
    return this.request.session?.app;
  }

  async beginApp(app: AppSignIn, fresh: boolean): Promise<void> {
    const request = this.request;
    if (fresh) {
      const store = request.sessionStore as unknown as SessionStore;
      await store.destroyIn(undefined, request.sessionID);
      store.generate(request);
    }
    // Saved, with its cookie, when the request ends; it lasts as long as the provider's interaction.
    request.session.app = app;
    if (!request.session.signIn) request.session.cookie.maxAge = APP_SIGN_IN_TTL_MS;
  }

  upstream(): PendingUpstream | undefined {
    return this.request.session?.upstream;
  }

  setUpstream(pending: PendingUpstream | undefined): void {
    // Saved when the request ends (before the browser leaves for the provider, or comes back).
    if (pending) this.request.session.upstream = pending;
    else if (this.request.session) delete this.request.session.upstream;
  }

  async rotate(next: SignInSession, manager?: EntityManager): Promise<void> {
    const request = this.request;
    const store = request.sessionStore as unknown as SessionStore;
    if (manager) this.idBeforeTransaction ??= request.sessionID;
    const app = next.stage === 'signed-in' ? undefined : request.session?.app;
    // What express-session's `regenerate` does, with the writes in the caller's transaction.
    const oldSid = request.sessionID;
    store.generate(request);
    request.session.signIn = next;
    if (app) request.session.app = app;
    request.session.cookie.maxAge =
      next.stage === 'signed-in' ? SIGNED_IN_IDLE_MS : next.expiresAt - Date.now();
    const replaced = await store.replaceIn(manager, oldSid, request.sessionID, request.session, this.stored);
    if (!replaced) {
      // Revoked while this step ran: no new session, and none saved when the request ends.
      (request as { session?: unknown }).session = undefined;
      throw new UnauthorizedException(ENDED_MEANWHILE);
    }
    this.stored = true;
  }

  abandonRotation(): void {
    // Once the id changed, drop the new session object, or express-session would save it (and
    // send its cookie) when the request ends; the rollback restored the client's earlier row.
    // Before that, the session is the client's own and stays.
    const before = this.idBeforeTransaction;
    this.idBeforeTransaction = null;
    if (before !== null && this.request.sessionID !== before)
      (this.request as { session?: unknown }).session = undefined;
  }

  async destroy(): Promise<void> {
    if (!this.request.session) return;
    await new Promise<void>((resolve, reject) =>
      this.request.session.destroy((e: unknown) => (e ? reject(e) : resolve())),
    );
  }

  setCookie(cookie: OutgoingCookie): void {
    this.outgoing.push(cookie);
  }
}

const ports = new WeakMap<Request, HttpSessionPort>();

function portOf(request: Request): HttpSessionPort {
  let port = ports.get(request);
  if (!port) {
    port = new HttpSessionPort(request);
    ports.set(request, port);
  }
  return port;
}

/** The request's session port, for a sign-in route. */
export const SignInPort = createParamDecorator(
  (_: unknown, context: ExecutionContext): SessionPort =>
    portOf(context.switchToHttp().getRequest<Request>()),
);

/** Sets the cookies the step asked for, on a successful answer only. */
@Injectable()
export class OutgoingCookies implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap(() => {
        for (const cookie of ports.get(request)?.outgoing ?? []) {
          response.cookie(cookie.name, cookie.value, {
            httpOnly: true,
            sameSite: 'lax',
            secure: request.secure,
            path: cookie.path,
            expires: cookie.expires,
          });
        }
      }),
    );
  }
}

/**
 * Every answer of a sign-in still under way for an application names it, so that each page of
 * the sign-in says where it returns to.
 */
@Injectable()
export class NamesTheApp implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      map((answer: unknown) => {
        const app = request.session?.app;
        if (!app || typeof answer !== 'object' || answer === null || !('state' in answer)) return answer;
        return { ...answer, app: { applicationName: app.applicationName, tenantName: app.tenantName } };
      }),
    );
  }
}
