/** Jest runs TypeScript through ts-jest, transpile only (tsconfig.jest.json: isolatedModules); `npm test` type-checks once with tsc first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  transformIgnorePatterns: ['node_modules/(?!(@middy|tinyld|jose|canonicalize)/)'],
  // middy 7 publishes only an `import` export condition; point Jest's require-based resolver at the files.
  moduleNameMapper: { '^@middy/([a-z-]+)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  testTimeout: 30000,
  // Emulators (DynamoDB Local, SQS, S3, SES) start once per run on free ports; see test/support/.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
