module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // ESM-only packages, compiled to CommonJS by ts-jest (Jest's runtime cannot require ESM; Node
  // 20.19+ can, so the build needs nothing): otplib's @noble/@scure, oidc-provider, openid-client
  // and their oauth4webapi and jose (none uses import.meta or top-level await).
  transformIgnorePatterns: [
    '/node_modules/(?!(@otplib|otplib|@noble|@scure|oidc-provider|openid-client|oauth4webapi|jose)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api',
  // Each file builds the whole app on its own database; argon2 makes sign-ins deliberately slow.
  testTimeout: 60_000,
  // Names the file and test of a run that stops moving, and ends it (see the file).
  reporters: ['default', '<rootDir>/test/stall-watch.cjs'],
};
