import { Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import { SecretBox } from '../factors/secret-box';
import type { UpstreamConnection } from './upstream.entities';

/** Seconds any request to a tenant's provider may take before the sign-in says it is slow. */
export const UPSTREAM_TIMEOUT_SECONDS = 5;
/** How long a provider's discovery document is kept before it is read again. */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;

/** http is for a provider on this machine only (development and the tests). */
export function isLocalIssuer(issuer: string): boolean {
  const { protocol, hostname } = new URL(issuer);
  return protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

/** The binding of a connection's sealed secret: a ciphertext copied onto another row does not open. */
export const secretBinding = (connection: Pick<UpstreamConnection, 'tenantId' | 'id'>) =>
  `${connection.tenantId}/${connection.id}`;

/**
 * A provider's configuration from its discovery document, as a sign-in and "Test connection" both
 * read it: a time limit on every request, and ID tokens' signatures checked against its JWKS.
 */
export function discoverProvider(
  issuer: string,
  clientId: string,
  secret: string,
): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), clientId, secret, undefined, {
    timeout: UPSTREAM_TIMEOUT_SECONDS,
    execute: [
      client.enableNonRepudiationChecks,
      ...(isLocalIssuer(issuer) ? [client.allowInsecureRequests] : []),
    ],
  });
}

/**
 * Latchkey as an OpenID client of the tenants' providers (`openid-client`, never by hand): one
 * configuration per connection, from the provider's discovery document, kept for ten minutes and
 * made again when the connection changes.
 */
@Injectable()
export class UpstreamClients {
  private readonly known = new Map<
    string,
    { version: string; at: number; config: Promise<client.Configuration> }
  >();

  constructor(private readonly box: SecretBox) {}

  configurationOf(connection: UpstreamConnection): Promise<client.Configuration> {
    const version = `${connection.updatedAt.getTime()}`;
    const cached = this.known.get(connection.id);
    if (cached && cached.version === version && Date.now() - cached.at < DISCOVERY_TTL_MS)
      return cached.config;
    const config = discoverProvider(
      connection.issuer,
      connection.clientId,
      this.box.open(connection.clientSecretSealed, secretBinding(connection)),
    );
    this.known.set(connection.id, { version, at: Date.now(), config });
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => this.known.delete(connection.id));
    return config;
  }
}
