export * from './lib/enums';
export * from './lib/auth';
export * from './lib/errors';
export * from './lib/routes';
export * from './lib/policy';
export * from './lib/admin';
export * from './lib/platform';
export * from './lib/factors';
