import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';

/** Written by the console build into index.html (`ngCspNonce`); replaced per response. */
export const CSP_NONCE_PLACEHOLDER = 'LATCHKEY_CSP_NONCE';

type NonceResponse = Response & { locals: { cspNonce?: string } };
const nonceOf = (_req: unknown, res: unknown) => `'nonce-${(res as NonceResponse).locals.cspNonce ?? ''}'`;

/**
 * helmet's headers on every response, with a strict Content-Security-Policy: scripts and styles
 * only from our origin or carrying this response's nonce, no inline handlers, no framing, no
 * plugins. The console runs under it because Angular puts the nonce on what it injects.
 */
export function securityHeaders(): RequestHandler {
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'", nonceOf],
        styleSrc: ["'self'", nonceOf],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  // Swagger UI's page is third-party markup with inline styles; it is a developer page, and
  // still may not be framed or run scripts from elsewhere.
  const docs = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
  });
  // The logout page's form answers with a redirect to the application, which `form-action`
  // would block: the one page without it.
  const logout = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'none'"],
        styleSrc: [nonceOf],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    (res as NonceResponse).locals.cspNonce = randomBytes(16).toString('base64');
    const headers = req.path.startsWith('/api/docs')
      ? docs
      : req.path.startsWith('/oidc/session/end')
        ? logout
        : strict;
    headers(req, res, next);
  };
}

const HASHED_ASSET = /-[A-Z0-9]{8}\.(js|css)$/;

/**
 * The console: its files from disk, and for every page path (anything without a file
 * extension outside /api) index.html with this response's nonce in place of the placeholder.
 */
export function consolePages(consoleDir: string): RequestHandler[] {
  const indexHtml = readFileSync(join(consoleDir, 'index.html'), 'utf8');
  const files = express.static(consoleDir, {
    index: false,
    setHeaders: (res, path) => {
      if (HASHED_ASSET.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const page = (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api')) return next();
    const last = req.path.split('/').pop() ?? '';
    if (last.includes('.') && last !== 'index.html') return next();
    const nonce = (res as NonceResponse).locals.cspNonce ?? '';
    res
      .status(200)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(indexHtml.replaceAll(CSP_NONCE_PLACEHOLDER, nonce));
  };
  const outsideApi =
    (handler: RequestHandler): RequestHandler =>
    (req, res, next) =>
      req.path.startsWith('/api') ? next() : handler(req, res, next);
  return [page, outsideApi(files)];
}
