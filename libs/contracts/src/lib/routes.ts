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

export const MeRoutes = {
  base: 'me',
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
  me: `/${API_PREFIX}/${MeRoutes.base}`,
  health: `/${HealthRoutes.path}`,
} as const;

/** Cookie and header names of the session and of the XSRF double submit (Angular's convention). */
export const SESSION_COOKIE = 'latchkey.sid';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';
