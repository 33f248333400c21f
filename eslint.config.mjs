// Next's rules (core web vitals), typescript-eslint's recommended rules through Next's
// TypeScript config, and eslint-config-prettier last so formatting is Prettier's alone.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  prettier,
  {
    rules: {
      // Registry links are plain <a> on purpose: no client router cache may outlive a revocation (design rule 4).
      '@next/next/no-html-link-for-pages': 'off',
      // A leading underscore names what is left out on purpose (`const { idNumber: _omit, ...rest } = entry`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  globalIgnores([
    '.next/**',
    '.next-bundle/**',
    'node_modules/**',
    'next-env.d.ts',
    'db/migrations/**',
    'test-results/**',
    'playwright-report/**',
    'reports/**',
  ]),
]);
