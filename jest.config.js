/** Jest runs TypeScript through ts-jest (transpile only: `npm test` type-checks once with tsc first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', {
      isolatedModules: true,
      tsconfig: { allowJs: true, esModuleInterop: true, module: 'commonjs', moduleResolution: 'node10',
        ignoreDeprecations: '6.0', target: 'ES2022', types: ['jest', 'node'], skipLibCheck: true },
    }],
  },
  transformIgnorePatterns: ['node_modules/(?!(@middy|tinyld)/)'],
  testTimeout: 30000,
};
