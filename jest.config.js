/** Jest runs TypeScript through ts-jest, transpile only (tsconfig.jest.json: isolatedModules); `npm test` type-checks once with tsc first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  transformIgnorePatterns: ['node_modules/(?!(@middy|tinyld)/)'],
  testTimeout: 30000,
};
