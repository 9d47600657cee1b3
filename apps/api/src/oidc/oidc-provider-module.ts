/** The `oidc-provider` package: its classes, `errors` and `interactionPolicy`. */
export type OidcProviderModule = typeof import('oidc-provider');

let loaded: OidcProviderModule | undefined;

/**
 * `oidc-provider` (with Koa, jose and the rest) loaded on first use, not at boot: only the
 * tenants' applications signing in need it, and loaded and built it is ~3.5 MiB of heap, ~5 MiB
 * of RSS at rest (issue 14, bench/memory-at-rest.mjs). The first request to the provider, or the
 * first sign-in an application started, loads it (0.1–0.2 s, once). Node 20.19+ requires this ES
 * module synchronously, as the build's import did; the tests' ts-jest compiles it to CommonJS.
 */
export function oidcProviderModule(): OidcProviderModule {
  return (loaded ??= require('oidc-provider') as OidcProviderModule);
}
