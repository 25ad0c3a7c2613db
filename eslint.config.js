// Lint rules shared by every part of the project; import direction is enforced here too: the layer table in
// eslint-rules/layers.js (shown in docs/ARCHITECTURE.md) through the `local/layers` rule, and the Node/Electron
// APIs that shared/ and the renderer must not touch through no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { localPlugin } from './eslint-rules/layers.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { local: localPlugin },
    rules: { 'local/layers': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'electron', 'better-sqlite3', 'undici'], message: 'shared/ must not import Node or Electron APIs.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from electron/ or renderer/.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'electron', 'better-sqlite3', 'undici'], message: 'The renderer never imports Node or Electron.' },
          { group: ['**/electron/**'], message: 'The renderer reaches the main process only through shared/api.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }],
      }],
    },
  },
  {
    files: ['electron/platforms/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' },
          { group: ['**/db/**', 'better-sqlite3'], message: 'Platforms know nothing of the database.' },
        ],
      }],
    },
  },
);
