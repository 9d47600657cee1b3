/** Everything the API serves lives under this prefix. */
export const API_PREFIX = 'api/v1';

/** Route segments, shared by the API's controllers and the console's data services. */
export const AuthRoutes = {
  base: 'auth',
  login: 'login',
  pick: 'login/pick',
  state: 'state',
  logout: 'logout',
} as const;

/** Owner routes, all under tenants/:tenantId. */
export const TenantRoutes = {
  base: 'tenants/:tenantId',
  policy: 'policy',
  preview: 'policy/preview',
  userTypes: 'user-types',
  userType: 'user-types/:userTypeId',
  userTypePolicy: 'user-types/:userTypeId/policy',
  users: 'users',
  exception: 'users/:loginId/exception',
  unlock: 'users/:loginId/unlock',
  reset: 'users/:loginId/reset',
  audit: 'audit',
} as const;

export const PlatformRoutes = {
  base: 'platform',
  tenants: 'tenants',
  tenant: 'tenants/:id',
  floor: 'floor',
  /** Events without a tenant: platform floors, super users' sign-ins, unknown emails. */
  audit: 'audit',
  lockedLogins: 'locked-logins',
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
} as const;

export const HealthRoutes = {
  /** Outside the versioned prefix: /api/health. */
  path: 'api/health',
} as const;

/** Absolute paths, as the console calls them. */
export const ApiPaths = {
  login: `/${API_PREFIX}/${AuthRoutes.base}/${AuthRoutes.login}`,
  pick: `/${API_PREFIX}/${AuthRoutes.base}/${AuthRoutes.pick}`,
  state: `/${API_PREFIX}/${AuthRoutes.base}/${AuthRoutes.state}`,
  logout: `/${API_PREFIX}/${AuthRoutes.base}/${AuthRoutes.logout}`,
  postpone: `/${API_PREFIX}/${AuthRoutes.base}/${AuthStepRoutes.postpone}`,
  totpEnrol: `/${API_PREFIX}/${AuthRoutes.base}/${AuthStepRoutes.totpEnrol}`,
  totpEnrolConfirm: `/${API_PREFIX}/${AuthRoutes.base}/${AuthStepRoutes.totpEnrolConfirm}`,
  totp: `/${API_PREFIX}/${AuthRoutes.base}/${AuthStepRoutes.totp}`,
  pinSetup: `/${API_PREFIX}/${AuthRoutes.base}/${AuthStepRoutes.pinSetup}`,
  pin: `/${API_PREFIX}/${AuthRoutes.base}/${AuthStepRoutes.pin}`,
  handover: `/${API_PREFIX}/${AuthRoutes.base}/${AuthStepRoutes.handover}`,
  reset: (tenantId: string, loginId: string) =>
    `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/users/${encodeURIComponent(loginId)}/reset`,
  mySecurity: `/${API_PREFIX}/${MeRoutes.base}/${MeRoutes.security}`,
  myDevices: `/${API_PREFIX}/${MeRoutes.base}/${MeRoutes.devices}`,
  myDevicesConfirm: `/${API_PREFIX}/${MeRoutes.base}/${MeRoutes.devicesConfirm}`,
  myDevice: (deviceId: string) => `/${API_PREFIX}/${MeRoutes.base}/devices/${encodeURIComponent(deviceId)}`,
  myPin: `/${API_PREFIX}/${MeRoutes.base}/${MeRoutes.pin}`,
  myBackupCodes: `/${API_PREFIX}/${MeRoutes.base}/${MeRoutes.backupCodes}`,
  myTwoFactor: `/${API_PREFIX}/${MeRoutes.base}/${MeRoutes.twoFactor}`,
  signOutEverywhere: `/${API_PREFIX}/${MeRoutes.base}/${MeRoutes.signOutEverywhere}`,
  unlock: (tenantId: string, loginId: string) =>
    `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/users/${encodeURIComponent(loginId)}/unlock`,
  me: `/${API_PREFIX}/${MeRoutes.base}`,
  tenant: (tenantId: string) => `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}`,
  tenantPolicy: (tenantId: string) => `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/policy`,
  policyPreview: (tenantId: string) =>
    `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/policy/preview`,
  userTypes: (tenantId: string) => `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/user-types`,
  userType: (tenantId: string, userTypeId: string) =>
    `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/user-types/${encodeURIComponent(userTypeId)}`,
  userTypePolicy: (tenantId: string, userTypeId: string) =>
    `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/user-types/${encodeURIComponent(userTypeId)}/policy`,
  users: (tenantId: string) => `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/users`,
  exception: (tenantId: string, loginId: string) =>
    `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/users/${encodeURIComponent(loginId)}/exception`,
  audit: (tenantId: string) => `/${API_PREFIX}/tenants/${encodeURIComponent(tenantId)}/audit`,
  platformTenants: `/${API_PREFIX}/platform/tenants`,
  platformTenant: (id: string) => `/${API_PREFIX}/platform/tenants/${encodeURIComponent(id)}`,
  platformFloor: `/${API_PREFIX}/platform/floor`,
  platformAudit: `/${API_PREFIX}/platform/audit`,
  platformLockedLogins: `/${API_PREFIX}/platform/locked-logins`,
  health: `/${HealthRoutes.path}`,
} as const;

/** Cookie and header names of the session and of the XSRF double submit (Angular's convention). */
export const SESSION_COOKIE = 'latchkey.sid';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';
