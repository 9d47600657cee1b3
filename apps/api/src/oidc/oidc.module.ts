import { Module } from '@nestjs/common';
import { OidcProvider } from './oidc-provider';

/** The OpenID Connect provider for the tenants' applications (mounted in `createApp`). */
@Module({ providers: [OidcProvider], exports: [OidcProvider] })
export class OidcModule {}
