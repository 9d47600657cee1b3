import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { PolicyLayers1764100000000 } from './1764100000000-policy-layers';
import { SecondFactors1764200000000 } from './1764200000000-second-factors';
import { BoundGrants1764300000000 } from './1764300000000-bound-grants';
import { Applications1764400000000 } from './1764400000000-applications';
import { OidcStore1764500000000 } from './1764500000000-oidc-store';
import { ApiTokens1764600000000 } from './1764600000000-api-tokens';
import { LoginDeactivation1764700000000 } from './1764700000000-login-deactivation';
import { UpstreamConnections1764800000000 } from './1764800000000-upstream-connections';
import { LoginTally1764900000000 } from './1764900000000-login-tally';
import { SearchTrigrams1765000000000 } from './1765000000000-search-trigrams';
import { CompleteSortIndexes1765100000000 } from './1765100000000-complete-sort-indexes';
import { EndedSessions1765200000000 } from './1765200000000-ended-sessions';
import { IdentityLanguage1765300000000 } from './1765300000000-identity-language';

/** Every migration, oldest first. Listed by hand because the API is bundled. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  PolicyLayers1764100000000,
  SecondFactors1764200000000,
  BoundGrants1764300000000,
  Applications1764400000000,
  OidcStore1764500000000,
  ApiTokens1764600000000,
  LoginDeactivation1764700000000,
  UpstreamConnections1764800000000,
  LoginTally1764900000000,
  SearchTrigrams1765000000000,
  CompleteSortIndexes1765100000000,
  EndedSessions1765200000000,
  IdentityLanguage1765300000000,
];
