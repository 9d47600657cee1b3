/** The demo password the e2e server is started with (LATCHKEY_DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'e2e-demo-password';

/** The sample application the demo registers for Acme (its redirect URIs name this address). */
export const SAMPLE_APP_URL = 'http://localhost:3001';

/** The account's own OpenID provider the browser tests run beside the product (tools/demo-provider.mjs). */
export const DEMO_PROVIDER = {
  url: 'http://localhost:4320',
  clientId: 'latchkey-demo',
  clientSecret: 'demo-provider-secret',
};
