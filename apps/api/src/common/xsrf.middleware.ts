import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { XSRF_COOKIE, XSRF_HEADER } from '@latchkey/contracts';
import { bearerTokenOf, hasSessionCookie } from './current-actor.decorator';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signed double-submit XSRF protection, in Angular's convention: the token is in a readable
 * `XSRF-TOKEN` cookie, and every state-changing call must echo it in `X-XSRF-TOKEN`. The token
 * is a nonce with its HMAC, so it needs no server state and survives session rotation.
 *
 * A bearer call (a tenant API token, sent by a back end) without the session cookie needs no
 * XSRF token and gets no cookie: a browser cannot be made to add an Authorization header to a
 * forged cross-site request. A call with the session cookie is checked, whatever else it sends.
 */
export function xsrfProtection(secret: string, secureCookie: boolean | 'auto'): RequestHandler {
  const sign = (nonce: string) => createHmac('sha256', secret).update(nonce).digest('base64url');
  const isValid = (token: unknown): token is string => {
    if (typeof token !== 'string') return false;
    const [nonce, mac] = token.split('.');
    if (!nonce || !mac) return false;
    const expected = Buffer.from(sign(nonce));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  return (req: Request, res: Response, next: NextFunction) => {
    if (bearerTokenOf(req) !== null && !hasSessionCookie(req)) return next();
    const cookie = (req.cookies as Record<string, unknown> | undefined)?.[XSRF_COOKIE];
    if (!isValid(cookie)) {
      const nonce = randomBytes(18).toString('base64url');
      res.cookie(XSRF_COOKIE, `${nonce}.${sign(nonce)}`, {
        httpOnly: false,
        sameSite: 'strict',
        secure: secureCookie === 'auto' ? req.secure : secureCookie,
        path: '/',
      });
    }
    if (SAFE_METHODS.has(req.method)) return next();

    const header = req.header(XSRF_HEADER);
    if (!isValid(cookie) || header !== cookie) {
      res.status(403).json({
        statusCode: 403,
        error: 'Forbidden',
        message: `Missing or invalid ${XSRF_HEADER} header: copy it from the ${XSRF_COOKIE} cookie`,
        code: 'request.xsrf',
        params: { header: XSRF_HEADER, cookie: XSRF_COOKIE },
      });
      return;
    }
    next();
  };
}
