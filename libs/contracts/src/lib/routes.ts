/** Everything the API serves lives under this prefix. */
export const API_PREFIX = 'api/v1';

/** Route segments, shared by the API's controllers and the console's data services. */
export const AuthRoutes = {
  base: 'auth',
  login: 'login',
  pick: 'login/pick',
  state: 'state',
  logout: 'logout',
  /** Where the OpenID provider hands an application's sign-in over (a browser navigation). */
  interaction: 'interaction/:uid',
  /** Which of the tenants' own providers an email may continue with (the sign-in page asks). */
  upstreamDiscover: 'upstream/discover',
  /** An account's own providers, for its sign-in link (`/sign-in?tenant=<id>`). */
  upstreamOfTenant: 'upstream/tenants/:tenantId',
  /** A browser navigation: off to the connection's provider. */
  upstreamStart: 'upstream/start/:connectionId',
  /** Where every upstream provider sends the browser back. */
  upstreamCallback: 'upstream/callback',
} as const;

/** Owner routes, all under tenants/:tenantId. */
export const TenantRoutes = {
  base: 'tenants/:tenantId',
  policy: 'policy',
  preview: 'policy/preview',
  previewLogins: 'policy/preview/logins',
  userTypes: 'user-types',
  userType: 'user-types/:userTypeId',
  userTypePolicy: 'user-types/:userTypeId/policy',
  /** The owner's home: per user type, who must use which method and where they stand. */
  overview: 'overview',
  users: 'users',
  usersBulk: 'users/bulk',
  usersExport: 'users/export.csv',
  user: 'users/:loginId',
  userDetail: 'users/:loginId/detail',
  exception: 'users/:loginId/exception',
  unlock: 'users/:loginId/unlock',
  reset: 'users/:loginId/reset',
  audit: 'audit',
  applications: 'applications',
  application: 'applications/:applicationId',
  applicationSecret: 'applications/:applicationId/secret',
  connections: 'connections',
  connection: 'connections/:connectionId',
  connectionTest: 'connections/:connectionId/test',
  apiTokens: 'api-tokens',
  apiToken: 'api-tokens/:tokenId',
} as const;

export const PlatformRoutes = {
  base: 'platform',
  tenants: 'tenants',
  tenant: 'tenants/:id',
  tenantOwners: 'tenants/:id/owners',
  floor: 'floor',
  /** Events without a tenant: platform floors, super users' sign-ins, unknown emails. */
  audit: 'audit',
  lockedLogins: 'locked-logins',
  /** Every tenant's applications. */
  applications: 'applications',
  /** Every tenant's enrolment numbers. */
  overview: 'overview',
} as const;

export const AuthStepRoutes = {
  postpone: 'postpone',
  totpEnrol: 'totp/enrol',
  totpEnrolConfirm: 'totp/enrol/confirm',
  totp: 'totp',
  pinSetup: 'pin/setup',
  pin: 'pin',
  handover: 'handover',
} as const;

export const MeRoutes = {
  base: 'me',
  security: 'security',
  devices: 'devices',
  devicesConfirm: 'devices/confirm',
  device: 'devices/:deviceId',
  pin: 'pin',
  backupCodes: 'backup-codes',
  twoFactor: 'two-factor',
  signOutEverywhere: 'sign-out-everywhere',
  language: 'language',
} as const;

export const HealthRoutes = {
  /** Outside the versioned prefix: /api/health. */
  path: 'api/health',
} as const;

/**
 * The absolute path of `route` under `base`, its `:name` segments filled in (URI-encoded) from
 * `params`. A missing parameter is a programming error, not a silently wrong URL.
 */
export function pathOf(base: string, route: string, params: Record<string, string> = {}): string {
  return `/${API_PREFIX}/${base}/${route}`.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathOf: no value for :${name} in ${base}/${route}`);
    return encodeURIComponent(value);
  });
}

const auth = (route: string) => pathOf(AuthRoutes.base, route);
const me = (route: string) => pathOf(MeRoutes.base, route);
const platform = (route: string) => pathOf(PlatformRoutes.base, route);
const tenant = (route: string, tenantId: string, params: Record<string, string> = {}) =>
  pathOf(TenantRoutes.base, route, { tenantId, ...params });

/** Absolute paths, as the console and the tests call them, built from the route tables above. */
export const ApiPaths = {
  login: auth(AuthRoutes.login),
  pick: auth(AuthRoutes.pick),
  state: auth(AuthRoutes.state),
  logout: auth(AuthRoutes.logout),
  interaction: (uid: string) => pathOf(AuthRoutes.base, AuthRoutes.interaction, { uid }),
  upstreamDiscover: auth(AuthRoutes.upstreamDiscover),
  upstreamOfTenant: (tenantId: string) => pathOf(AuthRoutes.base, AuthRoutes.upstreamOfTenant, { tenantId }),
  upstreamStart: (connectionId: string) =>
    pathOf(AuthRoutes.base, AuthRoutes.upstreamStart, { connectionId }),
  upstreamCallback: auth(AuthRoutes.upstreamCallback),
  postpone: auth(AuthStepRoutes.postpone),
  totpEnrol: auth(AuthStepRoutes.totpEnrol),
  totpEnrolConfirm: auth(AuthStepRoutes.totpEnrolConfirm),
  totp: auth(AuthStepRoutes.totp),
  pinSetup: auth(AuthStepRoutes.pinSetup),
  pin: auth(AuthStepRoutes.pin),
  handover: auth(AuthStepRoutes.handover),
  me: `/${API_PREFIX}/${MeRoutes.base}`,
  mySecurity: me(MeRoutes.security),
  myDevices: me(MeRoutes.devices),
  myDevicesConfirm: me(MeRoutes.devicesConfirm),
  myDevice: (deviceId: string) => pathOf(MeRoutes.base, MeRoutes.device, { deviceId }),
  myPin: me(MeRoutes.pin),
  myBackupCodes: me(MeRoutes.backupCodes),
  myTwoFactor: me(MeRoutes.twoFactor),
  signOutEverywhere: me(MeRoutes.signOutEverywhere),
  myLanguage: me(MeRoutes.language),
  tenant: (tenantId: string) => pathOf(TenantRoutes.base, '', { tenantId }).replace(/\/$/, ''),
  tenantPolicy: (tenantId: string) => tenant(TenantRoutes.policy, tenantId),
  policyPreview: (tenantId: string) => tenant(TenantRoutes.preview, tenantId),
  policyPreviewLogins: (tenantId: string) => tenant(TenantRoutes.previewLogins, tenantId),
  userTypes: (tenantId: string) => tenant(TenantRoutes.userTypes, tenantId),
  userType: (tenantId: string, userTypeId: string) => tenant(TenantRoutes.userType, tenantId, { userTypeId }),
  userTypePolicy: (tenantId: string, userTypeId: string) =>
    tenant(TenantRoutes.userTypePolicy, tenantId, { userTypeId }),
  overview: (tenantId: string) => tenant(TenantRoutes.overview, tenantId),
  users: (tenantId: string) => tenant(TenantRoutes.users, tenantId),
  user: (tenantId: string, loginId: string) => tenant(TenantRoutes.user, tenantId, { loginId }),
  usersBulk: (tenantId: string) => tenant(TenantRoutes.usersBulk, tenantId),
  usersExport: (tenantId: string) => tenant(TenantRoutes.usersExport, tenantId),
  userDetail: (tenantId: string, loginId: string) => tenant(TenantRoutes.userDetail, tenantId, { loginId }),
  exception: (tenantId: string, loginId: string) => tenant(TenantRoutes.exception, tenantId, { loginId }),
  reset: (tenantId: string, loginId: string) => tenant(TenantRoutes.reset, tenantId, { loginId }),
  unlock: (tenantId: string, loginId: string) => tenant(TenantRoutes.unlock, tenantId, { loginId }),
  audit: (tenantId: string) => tenant(TenantRoutes.audit, tenantId),
  applications: (tenantId: string) => tenant(TenantRoutes.applications, tenantId),
  application: (tenantId: string, applicationId: string) =>
    tenant(TenantRoutes.application, tenantId, { applicationId }),
  applicationSecret: (tenantId: string, applicationId: string) =>
    tenant(TenantRoutes.applicationSecret, tenantId, { applicationId }),
  connections: (tenantId: string) => tenant(TenantRoutes.connections, tenantId),
  connection: (tenantId: string, connectionId: string) =>
    tenant(TenantRoutes.connection, tenantId, { connectionId }),
  connectionTest: (tenantId: string, connectionId: string) =>
    tenant(TenantRoutes.connectionTest, tenantId, { connectionId }),
  apiTokens: (tenantId: string) => tenant(TenantRoutes.apiTokens, tenantId),
  apiToken: (tenantId: string, tokenId: string) => tenant(TenantRoutes.apiToken, tenantId, { tokenId }),
  platformTenants: platform(PlatformRoutes.tenants),
  platformTenant: (id: string) => pathOf(PlatformRoutes.base, PlatformRoutes.tenant, { id }),
  platformTenantOwners: (id: string) => pathOf(PlatformRoutes.base, PlatformRoutes.tenantOwners, { id }),
  platformFloor: platform(PlatformRoutes.floor),
  platformAudit: platform(PlatformRoutes.audit),
  platformLockedLogins: platform(PlatformRoutes.lockedLogins),
  platformApplications: platform(PlatformRoutes.applications),
  platformOverview: platform(PlatformRoutes.overview),
  health: `/${HealthRoutes.path}`,
} as const;

/** Cookie and header names of the session and of the XSRF double submit (Angular's convention). */
export const SESSION_COOKIE = 'latchkey.sid';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';
