/**
 * Jest runs TypeScript through ts-jest, transpile only (tsconfig.jest.json: isolatedModules); `npm test` type-checks once with tsc first.
 *
 * Two projects, so the fast layer never waits for the emulators: `app` (use-case tests and the fakes'
 * own contract runs, all in memory: `npm run test:app`) and `emulators` (everything else, with DynamoDB
 * Local, SQS, S3 and SES started once per run in its global setup). Jest runs a project's global setup
 * only when at least one of its test files is selected, so `jest test/app` starts nothing.
 */
const FAST = ['<rootDir>/test/app/', '<rootDir>/test/fakes/'];

/** swc's settings for the fast layer: TypeScript to CommonJS for Node 20+, keeping class fields as tsc emits them. */
const SWC = {
  jsc: {
    parser: { syntax: 'typescript' },
    target: 'es2022',
    transform: { useDefineForClassFields: false },
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  transformIgnorePatterns: ['node_modules/(?!(@middy|tinyld|jose|canonicalize)/)'],
  // middy 7 publishes only an `import` export condition; point Jest's require-based resolver at the files.
  moduleNameMapper: { '^@middy/([a-z-]+)$': '<rootDir>/node_modules/@middy/$1/index.js' },
};

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      // The fast layer transpiles with swc (no type information needed: `npm test` runs tsc first), which
      // takes a cold run from ~25 s of ts-jest compilation to a few seconds.
      transform: { '^.+\\.[tj]s$': ['@swc/jest', SWC] },
      displayName: 'app',
      testMatch: FAST.map((dir) => `${dir}**/*.test.ts`),
    },
    {
      ...shared,
      displayName: 'emulators',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...FAST],
      // Emulators (DynamoDB Local, SQS, S3, SES) start once per run on free ports; see test/support/.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
