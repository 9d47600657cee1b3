module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // otplib 13 is CommonJS that requires ESM-only @noble/@scure packages: let ts-jest compile them.
  transformIgnorePatterns: ['/node_modules/(?!(@otplib|otplib|@noble|@scure)/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api',
  // Each file builds the whole app on its own database; argon2 makes sign-ins deliberately slow.
  testTimeout: 60_000,
};
