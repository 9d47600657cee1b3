module.exports = {
  displayName: 'sample-app',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // openid-client 6 and its oauth4webapi and jose are ES modules only: ts-jest compiles them to
  // CommonJS for Jest (the build needs nothing: Node 20.19+ requires ES modules).
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/apps/sample-app',
};
