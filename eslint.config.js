// Lint, including the layer rules (after VS Code's code-layering):
//   shared/    pure TypeScript: no Node, Electron, DOM frameworks, or other layers
//   renderer/  shared/ only: never electron/, Electron or Node
//   electron/  only the thin glue (main/index.ts, main/platform/, preload/index.ts) imports Electron
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = ['node:*', ...builtinModules, ...builtinModules.map((name) => `${name}/*`)];
const electronPackages = ['electron', 'electron-store', 'electron-updater', '@electron/*'];
const mainOnlyPackages = ['better-sqlite3', 'axios', 'conf'];

const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-properties': ['error', { property: 'setUsePlainTextEncryption', message: 'Never opt in to plain-text "encryption".' }],
    },
  },
  {
    // A promise nobody awaits or catches is how the main process dies of an unhandled rejection:
    // every promise is awaited, returned, caught, or marked with `void` on purpose.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'scripts/**/*.ts', 'test/**/*.ts', 'test/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, ...electronPackages, ...mainOnlyPackages, 'react', 'react-dom', '**/electron/**', '**/renderer/**', '**/test/**'],
        'shared/ is pure TypeScript: no Node, Electron, React or other layers.',
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // These advise on the React Compiler, which the renderer does not use (TanStack Table is "incompatible" with it).
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': restrict(
        [...nodeBuiltins, ...electronPackages, ...mainOnlyPackages, '**/electron/**'],
        'The renderer reaches main only through window.api: no electron/, Electron or Node imports.',
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/main/platform/**', 'electron/preload/index.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...electronPackages, '**/renderer/**'],
        'Only electron/main/index.ts, electron/main/platform/ and the preload may import Electron; the core must run without it.',
      ),
    },
  },
  {
    files: ['electron/main/index.ts', 'electron/main/platform/**/*.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-imports': restrict(['**/renderer/**'], 'main never imports the renderer.') },
  },
  {
    files: ['electron/preload/index.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, ...mainOnlyPackages, 'electron-store', 'electron-updater', '**/main/**', '**/renderer/**'],
        'The preload runs in the sandboxed page: shared/ and electron only.',
      ),
    },
  },
  {
    files: ['electron/preload/bridge-client.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, ...mainOnlyPackages, ...electronPackages, '**/main/**', '**/renderer/**'],
        'The bridge client is browser code: shared/ only.',
      ),
    },
  },
);
