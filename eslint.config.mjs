// ESLint flat config: typescript-eslint's recommended rules on every TypeScript file; formatting is
// Prettier's job (`npm run format:check`), ring boundaries are dependency-cruiser's (`.dependency-cruiser.cjs`).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local-data/', '.test-data/', 'coverage/', 'console/dist/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Header and MIME safety code matches control characters on purpose (CR, LF, NUL in mail headers).
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read untyped JSON from the emulators and the API; `any` there is the honest type.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
