// Lint keeps the layering DESIGN.md asks for: model imports nothing internal, engines do no I/O,
// the agent never imports the server, and the console only takes types from the model.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ioModules = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'dgram', 'worker_threads', 'cluster'];
const nodeIo = ioModules.flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'console/dist/', 'data/', 'test-artifacts/', '**/testdata/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!./*'], message: 'model/ is the wire format: it imports nothing internal.' }] }],
    },
  },
  {
    files: ['src/engines/**/*.ts'],
    ignores: ['src/engines/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeIo.map((name) => ({ name, message: 'engines are pure: no I/O (DESIGN.md).' })) }],
    },
  },
  {
    files: ['src/agent/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '../server/*'], message: 'the agent never imports the server.' }] }],
    },
  },
  {
    files: ['console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/server/**', '**/src/agent/**', '**/src/engines/**'], message: 'the console talks to the API; it takes only types from src/model.' }] }],
    },
  },
);
