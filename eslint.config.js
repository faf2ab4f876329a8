// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const noNode = [
  { group: ['node:*'], message: 'No Node APIs here: this code also runs in the renderer.' },
  ...nodeBuiltins.map((name) => ({
    group: [name],
    message: 'No Node APIs here: this code also runs in the renderer.',
  })),
];
const noElectron = {
  group: ['electron'],
  message: 'Electron is only for src-main/index.ts, preload/ and shells/electron/.',
};
const noSqlite = { group: ['better-sqlite3'], message: 'SQL lives in src-main/db/ only.' };
const noZustand = {
  group: ['zustand', 'zustand/*'],
  message: 'zustand is imported only by src-renderer/stores/.',
};

/** What all of shared/ (shared/node/ too) may not import: no platform, no UI, no other folder. */
const sharedRules = [
  noElectron,
  noSqlite,
  noZustand,
  { group: ['react', 'react-dom', 'react/*'], message: 'shared/ is UI-free.' },
  {
    group: ['**/src-main/**', '**/src-renderer/**', '**/src-server/**'],
    message: 'shared/ depends on nothing.',
  },
];

/**
 * @param {Array<{group: string[], message: string}>} patterns
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'release/', 'coverage/', 'test-results/', 'playwright-report/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // An async API may not await yet; `async` still turns a throw into a rejection callers can catch.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (default exports only in config files).',
        },
      ],
    },
  },
  {
    files: ['*.js', '*.ts', 'scripts/**/*.mjs', 'scripts/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/node/**'],
    rules: restrict([
      ...noNode,
      { group: ['**/node/**'], message: 'shared/node/ is for the terminal core and the server only.' },
      ...sharedRules,
    ]),
  },
  {
    // Node-only code the terminal core and the server share (node:crypto, PDF): never the renderer.
    files: ['shared/node/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([...sharedRules]),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        ...noNode,
        noElectron,
        noSqlite,
        noZustand,
        {
          group: ['**/src-main/**', '**/src-server/**', '**/shared/node/**'],
          message: 'The renderer talks to main only through api/.',
        },
      ]),
    },
  },
  {
    files: ['src-renderer/stores/**/*.ts'],
    rules: restrict([
      ...noNode,
      noElectron,
      noSqlite,
      { group: ['**/src-main/**', '**/src-server/**', '**/shared/node/**'], message: 'Use api/.' },
    ]),
  },
  {
    files: ['src-main/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([
      noElectron,
      noSqlite,
      { group: ['react', 'react-dom'], message: 'No UI in the main process.' },
      {
        group: ['**/src-renderer/**', '**/src-server/**'],
        message: 'Main shares code with others only through shared/.',
      },
    ]),
  },
  {
    files: ['src-main/db/**/*.ts'],
    rules: restrict([
      noElectron,
      { group: ['**/src-renderer/**', '**/src-server/**'], message: 'Use shared/.' },
    ]),
  },
  {
    files: ['src-main/index.ts', 'src-main/preload/**/*.ts', 'src-main/shells/electron/**/*.ts'],
    rules: restrict([
      noSqlite,
      { group: ['**/src-renderer/**', '**/src-server/**'], message: 'Use shared/.' },
    ]),
  },
  {
    files: ['src-server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([
      noElectron,
      noSqlite,
      {
        group: ['**/src-main/**', '**/src-renderer/**'],
        message: 'The server shares code only through shared/.',
      },
    ]),
  },
  {
    // Strings crossing a boundary are built with shared/text.ts, which refuses what the database cannot store.
    files: ['shared/**/*.ts', 'src-main/**/*.ts', 'src-server/**/*.ts'],
    ignores: ['shared/text.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (default exports only in config files).',
        },
        {
          selector: "MemberExpression[object.name='z'][property.name='string']",
          message: 'Use text() from shared/text.ts: it refuses NUL and lone surrogates.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
