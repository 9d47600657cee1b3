// A tenant's own OpenID provider for the embedded demo (`npm start`) and the browser tests
// (DESIGN §11): a real oidc-provider on its own port whose sign-in page asks an email and whether
// the user "used MFA", then signs in at once as that email, verified. For trying Latchkey only:
// it vouches for anyone.
// Run: DEMO_PROVIDER_PORT=4320 LATCHKEY_CALLBACK=http://localhost:4310/api/v1/auth/upstream/callback node tools/demo-provider.mjs
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.DEMO_PROVIDER_PORT ?? 4320);
const callback = process.env.LATCHKEY_CALLBACK ?? 'http://localhost:4310/api/v1/auth/upstream/callback';
const CLIENT = {
  id: process.env.DEMO_PROVIDER_CLIENT_ID ?? 'latchkey-demo',
  secret: process.env.DEMO_PROVIDER_CLIENT_SECRET ?? 'demo-provider-secret',
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      redirect_uris: [callback],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'demo-1', alg: 'RS256', use: 'sig' }] },
  // Not the names of Latchkey's own provider: both live on localhost, where ports share cookies.
  cookies: {
    keys: ['demo-provider'],
    names: { session: 'demo_session', interaction: 'demo_interaction', resume: 'demo_resume' },
  },
  features: { devInteractions: { enabled: false } },
  claims: {
    openid: ['sub', 'amr', 'acr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  conformIdTokenClaims: false,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({ sub, email: sub, email_verified: true, name: sub.split('@')[0] }),
  }),
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (
  uid,
) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>Acme SSO (demo provider)</title>
<h1>Acme SSO (demo provider)</h1><p>A stand-in for an account's own identity provider: it signs in whoever you say.</p><form method="post" action="/interaction/${escape(uid)}">
<label>Email <input name="email" type="email" data-testid="demo-email" required></label>
<label><input name="mfa" type="checkbox" value="yes" data-testid="demo-mfa"> I used my security key (MFA)</label>
<button type="submit" data-testid="demo-sign-in">Sign in</button></form></html>`;

createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
  if (match && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(match[1]));
    return;
  }
  if (match && req.method === 'POST') {
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    const mfa = form.get('mfa') === 'yes';
    await provider.interactionFinished(
      req,
      res,
      {
        login: {
          accountId: String(form.get('email')).toLowerCase(),
          amr: mfa ? ['pwd', 'hwk', 'mfa'] : ['pwd'],
        },
      },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  provider.callback()(req, res);
}).listen(port, () => console.log(`demo provider at http://localhost:${port}`));
