import * as client from 'openid-client';
import type { ConnectionTestAnswer } from '@latchkey/contracts';
import { UPSTREAM_TIMEOUT_SECONDS, discoverProvider } from './upstream-client';

/** An error and the errors it wraps (`cause`, an AggregateError's first), outermost first. */
function chainOf(error: unknown): Array<Record<string, unknown>> {
  const chain: Array<Record<string, unknown>> = [];
  let at: unknown = error;
  while (at !== null && typeof at === 'object' && chain.length < 8 && !chain.includes(at as never)) {
    const e = at as Record<string, unknown>;
    chain.push(e);
    const errors = e['errors'];
    at = e['cause'] ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return chain;
}

const TIMEOUT_CODES = ['OAUTH_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT'];
const UNREACHABLE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'refused the connection: nothing listens there',
  ENOTFOUND: 'was not found: no such host name (DNS)',
  EAI_AGAIN: 'could not be looked up (DNS): try again later',
  EHOSTUNREACH: 'cannot be reached from this server (no route to the host)',
  ENETUNREACH: 'cannot be reached from this server (no route to the network)',
  ECONNRESET: 'closed the connection before answering',
};

/** True when a request to a provider failed for want of an answer (refused, unknown host, timeout). */
export function unreachableOrSlow(error: unknown): boolean {
  const chain = chainOf(error);
  const codes = chain.map((e) => String(e['code'] ?? ''));
  return (
    chain.some((e) => e['name'] === 'TimeoutError' || e['message'] === 'fetch failed') ||
    codes.some((c) => TIMEOUT_CODES.includes(c) || c in UNREACHABLE_WORDS)
  );
}

/** The most precise words of an error: its innermost message (openid-client wraps the check that failed). */
export function innermostMessage(error: unknown): string {
  const messages = chainOf(error)
    .map((e) => e['message'])
    .filter((m): m is string => typeof m === 'string' && m.length > 0);
  return messages[messages.length - 1] ?? 'unknown error';
}

/** Where openid-client reads the discovery document of `issuer` (OpenID Connect Discovery 1.0). */
export function discoveryUrl(issuer: string): string {
  const url = new URL(issuer);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/.well-known/openid-configuration`;
  return url.href;
}

/**
 * A failed discovery in words, each beginning with what is wrong: unreachable (refused, no such
 * host, a certificate not trusted), timed out, or not an issuer (no document, not JSON, another
 * issuer's). openid-client's errors are read by their codes and names along the cause chain, not
 * by class, so that a fetch error of another realm reads the same.
 */
export function discoveryFailure(error: unknown, issuer: string): string {
  const chain = chainOf(error);
  const codes = chain.map((e) => String(e['code'] ?? ''));
  const names = chain.map((e) => String(e['name'] ?? ''));
  const host = new URL(issuer).host;
  const document = discoveryUrl(issuer);
  if (names.includes('TimeoutError') || codes.some((c) => TIMEOUT_CODES.includes(c)))
    return `Timed out: ${host} did not answer within ${UPSTREAM_TIMEOUT_SECONDS} seconds.`;
  const unreachable = codes.find((c) => c in UNREACHABLE_WORDS);
  if (unreachable) return `Unreachable: ${host} ${UNREACHABLE_WORDS[unreachable]}.`;
  const tls = codes.find((c) => /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(c));
  if (tls) return `Unreachable: the certificate of ${host} is not trusted (${tls}).`;
  const code = codes.find((c) => c.startsWith('OAUTH_')) ?? '';
  const outer = chain.find((e) => String(e['code'] ?? '') === code);
  const cause = (outer?.['cause'] ?? {}) as Record<string, unknown>;
  switch (code) {
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      return `Not an issuer: ${document} answered HTTP ${String(cause['status'] ?? '?')} instead of a discovery document.`;
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_PARSE_ERROR':
      return `Not an issuer: ${document} did not answer with a JSON discovery document.`;
    case 'OAUTH_INVALID_RESPONSE':
      return `Not an issuer: the document at ${document} names no issuer.`;
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED': {
      const named = (cause['body'] as Record<string, unknown> | undefined)?.['issuer'];
      return `Not an issuer: the document at ${document} names the issuer ${String(named)}, not ${issuer}. Enter exactly the issuer it names.`;
    }
  }
  if (names.includes('TypeError') && chain.some((e) => e['message'] === 'fetch failed'))
    return `Unreachable: ${host} could not be reached.`;
  const message = chain.map((e) => e['message']).find((m) => typeof m === 'string' && m);
  return `Not an issuer: its discovery document could not be read (${String(message ?? 'unknown error')}).`;
}

/** What a discovered provider lacks for Latchkey's sign-in (code flow with PKCE), or its summary. */
export function metadataAnswer(meta: client.ServerMetadata): ConnectionTestAnswer {
  const responseTypes = meta.response_types_supported ?? [];
  if (!responseTypes.includes('code'))
    return {
      ok: false,
      message: `No code flow: ${meta.issuer} does not offer the authorization code flow (response types: ${responseTypes.join(', ') || 'none'}).`,
    };
  if (!meta.token_endpoint)
    return { ok: false, message: `No code flow: ${meta.issuer} publishes no token endpoint.` };
  const pkce = meta.code_challenge_methods_supported;
  if (pkce === undefined)
    return {
      ok: true,
      message: `Found ${meta.issuer}: code flow. It does not list its PKCE methods; Latchkey sends S256 anyway.`,
    };
  if (!pkce.includes('S256'))
    return {
      ok: false,
      message: `No PKCE: ${meta.issuer} does not offer PKCE with S256 (methods: ${pkce.join(', ') || 'none'}).`,
    };
  return { ok: true, message: `Found ${meta.issuer}: code flow with PKCE.` };
}

/**
 * "Test connection": reads the issuer's discovery document with openid-client, as a sign-in
 * would, and says what was found or what is wrong. Never throws.
 */
export async function testDiscovery(
  issuer: string,
  clientId: string,
  secret: string,
): Promise<ConnectionTestAnswer> {
  try {
    const config = await discoverProvider(issuer, clientId, secret);
    return metadataAnswer(config.serverMetadata());
  } catch (error) {
    return { ok: false, message: discoveryFailure(error, issuer) };
  }
}
