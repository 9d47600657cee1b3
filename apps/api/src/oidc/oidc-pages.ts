import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** This response's CSP nonce (set on the response by the security headers). */
const nonceOf = (ctx: KoaContextWithOIDC) =>
  (ctx.res as unknown as { locals?: { cspNonce?: string } }).locals?.cspNonce ?? '';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:420px;margin:64px auto;padding:0 16px;color:#1b1b1f}
h1{font-size:1.4rem;font-weight:500}button{font:inherit;padding:8px 16px;margin:0 8px 8px 0;border-radius:20px;border:1px solid #5b5f72;background:#fff;cursor:pointer}
button.primary{background:#3f51b5;border-color:#3f51b5;color:#fff}`;

function page(ctx: KoaContextWithOIDC, title: string, body: string): void {
  ctx.type = 'html';
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style nonce="${nonceOf(ctx)}">${STYLE}</style></head>
<body><p>Latchkey</p>${body}</body></html>`;
}

/** The page a browser sees when a request cannot go back to the application (no open redirect). */
export function errorPage(ctx: KoaContextWithOIDC, out: ErrorOut): void {
  page(
    ctx,
    'Sign-in refused',
    `<h1>This sign-in cannot go on</h1><p>${escapeHtml(out.error_description ?? '')}</p>
<p><code>${escapeHtml(out.error)}</code></p><p>Go back to the application and try again, or tell its owner.</p>`,
  );
}

/**
 * An application asks to sign its user out (RP-initiated logout): the user confirms, and "yes"
 * ends the Latchkey session too, or the next sign-in to any application would come straight back.
 */
export function logoutPage(ctx: KoaContextWithOIDC, form: string): void {
  const app = ctx.oidc.client?.clientName;
  page(
    ctx,
    'Sign out',
    `<h1>Sign out${app ? ` of ${escapeHtml(app)}` : ''} and of Latchkey?</h1>${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

/** After a confirmed logout: the console's session of this browser ends as well. */
export function endConsoleSession(ctx: KoaContextWithOIDC): void {
  if (!ctx.oidc.params?.['logout']) return;
  const session = (ctx.req as unknown as { session?: { destroy(done: (e?: unknown) => void): void } })
    .session;
  session?.destroy(() => undefined);
}
