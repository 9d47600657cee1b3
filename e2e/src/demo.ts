/** The demo password the e2e server is started with (LATCHKEY_DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'e2e-demo-password';
