import { ACR } from './config';

/** Every value that reaches a page goes through here first. */
export const escapeHtml = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The ID token's claims as the app keeps them in its session. */
export type Claims = Record<string, unknown>;

/** What the header and footer show of the app and its session. */
export interface Frame {
  issuer: string;
  clientId: string;
  signedIn: boolean;
}

/** RFC 8176 method values as Latchkey uses them. */
const AMR_WORDS: Record<string, string> = {
  pwd: 'password',
  otp: 'one-time code (authenticator app or backup code)',
  pin: 'PIN',
  mfa: 'more than one factor',
};

const ACR_WORDS: Record<string, string> = {
  [ACR.none]: 'password only',
  [ACR.pin]: 'PIN',
  [ACR.authenticator]: 'authenticator',
};

export const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7fb; }
header { display: flex; gap: 1.5rem; align-items: center; padding: .75rem 1.5rem; background: #23395d; color: #fff; }
header a, header button { color: #fff; }
header nav { display: flex; gap: 1rem; align-items: center; margin-left: auto; }
header form { margin: 0; }
main { max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; }
footer { max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; color: #5b6472; font-size: .875rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid #dde1ea; vertical-align: top; }
th { width: 12rem; font-weight: 600; }
code, pre { font-family: ui-monospace, monospace; font-size: .875rem; }
pre { background: #fff; padding: 1rem; overflow-x: auto; border: 1px solid #dde1ea; }
.button { display: inline-block; padding: .6rem 1.2rem; border-radius: 4px; background: #23395d; color: #fff;
  text-decoration: none; border: 0; font: inherit; cursor: pointer; }
.link { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
.note { color: #5b6472; }
.refused { border-left: 4px solid #b3261e; padding-left: 1rem; }
`;

function page(frame: Frame, title: string, body: string): string {
  const account = frame.signedIn
    ? `<form method="post" action="/logout"><button class="link" type="submit" data-testid="sign-out">Sign out</button></form>`
    : `<a href="/login">Sign in</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Acme HR (sample app)</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><strong>Acme HR</strong><span>a sample application signing in through Latchkey</span>
<nav><a href="/">Home</a><a href="/payroll">Payroll</a>${account}</nav></header>
<main>
${body}
</main>
<footer>OpenID Connect client <code>${escapeHtml(frame.clientId)}</code> of the issuer
<code>${escapeHtml(frame.issuer)}</code> (authorization code with PKCE, through <code>openid-client</code>).</footer>
</body>
</html>
`;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function amrText(value: unknown): string {
  const methods = list(value);
  if (methods.length === 0) return '<span class="note">(none named)</span>';
  return methods
    .map((m) => `<code>${escapeHtml(m)}</code>${AMR_WORDS[m] ? ` ${escapeHtml(AMR_WORDS[m])}` : ''}`)
    .join('<br>');
}

function acrText(value: unknown): string {
  if (typeof value !== 'string') return '<span class="note">(none)</span>';
  const words = ACR_WORDS[value];
  return `<code>${escapeHtml(value)}</code>${words ? ` (${escapeHtml(words)})` : ''}`;
}

function timeText(value: unknown): string {
  if (typeof value !== 'number') return '<span class="note">(none)</span>';
  return `${escapeHtml(new Date(value * 1000).toISOString())} <span class="note">(${escapeHtml(value)})</span>`;
}

const plain = (value: unknown) =>
  value === undefined || value === null || value === ''
    ? '<span class="note">(none)</span>'
    : escapeHtml(value);

/** The claims the sample exists to show, one row each. */
function claimsTable(claims: Claims): string {
  const tenant =
    typeof claims['tenant_name'] === 'string'
      ? `${escapeHtml(claims['tenant_name'])} <span class="note">(<code>${plain(claims['tenant'])}</code>)</span>`
      : `<code>${plain(claims['tenant'])}</code>`;
  const rows: [string, string, string][] = [
    ['name', 'Name', plain(claims['name'])],
    ['email', 'Email', plain(claims['email'])],
    ['tenant', 'Tenant', tenant],
    ['user_type', 'User type', plain(claims['user_type'])],
    ['amr', 'Methods used (amr)', amrText(claims['amr'])],
    ['acr', 'Level reached (acr)', acrText(claims['acr'])],
    ['auth_time', 'Signed in at (auth_time)', timeText(claims['auth_time'])],
    ['sub', 'Subject (sub)', `<code>${plain(claims['sub'])}</code>`],
  ];
  return `<table data-testid="claims">
${rows.map(([key, label, value]) => `<tr data-testid="claim-${key}"><th scope="row">${label}</th><td>${value}</td></tr>`).join('\n')}
</table>`;
}

export function homeSignedOut(frame: Frame): string {
  return page(
    frame,
    'Welcome',
    `<h1>Acme HR</h1>
<p>This is a small application of the tenant Acme, as a customer would write it. It has no
passwords of its own: it sends you to Latchkey, where Acme's policy decides which second factor
your user type needs, and Latchkey sends you back here with an ID token.</p>
<p><a class="button" href="/login" data-testid="sign-in">Sign in with Latchkey</a></p>
<p class="note">Then open <a href="/payroll">Payroll</a>: it needs the authenticator, and asks
Latchkey for it (step-up) if your sign-in did not prove it.</p>`,
  );
}

export function homeSignedIn(frame: Frame, claims: Claims): string {
  const name = typeof claims['name'] === 'string' ? claims['name'] : 'there';
  return page(
    frame,
    'Home',
    `<h1>Hello, ${escapeHtml(name)}</h1>
<p>Latchkey signed you in. This is what its ID token says about the sign-in:</p>
${claimsTable(claims)}
<p><a class="button" href="/payroll">Open Payroll (needs the authenticator)</a></p>
<details><summary>Every claim of the ID token</summary>
<pre data-testid="all-claims">${escapeHtml(JSON.stringify(claims, null, 2))}</pre></details>`,
  );
}

export function payroll(frame: Frame, claims: Claims): string {
  return page(
    frame,
    'Payroll',
    `<h1 data-testid="payroll">Payroll</h1>
<p>This page needs the authenticator. Latchkey proved it: the ID token's <code>acr</code> is
${acrText(claims['acr'])}.</p>
<table>
<tr><th scope="row">Methods used (amr)</th><td>${amrText(claims['amr'])}</td></tr>
<tr><th scope="row">Signed in at (auth_time)</th><td>${timeText(claims['auth_time'])}</td></tr>
<tr><th scope="row">Next pay day</th><td>the last working day of the month</td></tr>
</table>`,
  );
}

/** Back from a step-up whose ID token names less than was asked for: the page stays closed. */
export function notSatisfied(frame: Frame, claims: Claims): string {
  return page(
    frame,
    'Not satisfied',
    `<div class="refused" data-testid="step-up-not-satisfied">
<h1>Payroll stays closed: not satisfied</h1>
<p>The app asked Latchkey for ${acrText(ACR.authenticator)} and the ID token came back with
<code>acr</code> ${acrText(claims['acr'])}.</p>
</div>
<p><a href="/payroll">Try again</a> · <a href="/">Home</a></p>`,
  );
}

export function problem(frame: Frame, title: string, detail: string): string {
  return page(
    frame,
    title,
    `<div class="refused" data-testid="problem">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(detail)}</p>
</div>
<p><a href="/">Home</a></p>`,
  );
}
