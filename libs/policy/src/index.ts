export * from './lib/methods';
export * from './lib/resolve';
export * from './lib/factor-step';
export * from './lib/pin-rules';
export * from './lib/upstream-trust';
export * from './lib/preview-groups';
