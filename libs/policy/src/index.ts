export * from './lib/methods';
export * from './lib/resolve';
