// Lint, including the layer rules (after VS Code's code-layering):
//   shared/    pure TypeScript: no Node, Electron, DOM frameworks, or other layers
//   renderer/  shared/ only: never electron/, Electron or Node
//   electron/  only the thin glue (main/index.ts, main/platform/, preload/index.ts) imports Electron
// and inside electron/main, from the bottom up (see mainLayers below):
//   base/ (errors, events, clock, ids) < logging/ < db/ (the only place with SQL text) < the services
//   (auth, access, org, directory, import, jobs, locks, psa, vault, preferences) < services/ (their composition)
//   < the edges that map callers onto them: ipc/ (never db/), core/ (windowed hosts), dev-bridge/, cli/,
//   and platform/ (the Electron glue).
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = ['node:*', ...builtinModules, ...builtinModules.map((name) => `${name}/*`)];
const electronPackages = ['electron', 'electron-store', 'electron-updater', '@electron/*'];
const mainOnlyPackages = ['better-sqlite3', 'axios', 'conf'];

const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

// Folders of electron/main, and what each layer may not import. A relative import reaches a sibling
// folder as ../name/ (or ../../name/ from a subfolder); shared/ has folders with the same names but is
// always reached as ../../../shared/, which these expressions do not match.
const mainFolders = ['base', 'logging', 'db', 'auth', 'access', 'org', 'directory', 'import', 'jobs', 'locks', 'psa', 'preview', 'vault', 'preferences', 'workspaces', 'protocol', 'security', 'services', 'ipc', 'core', 'dev-bridge', 'cli', 'guard', 'platform'];
const edgeFolders = ['ipc', 'core', 'dev-bridge', 'cli', 'platform'];
const serviceFolders = ['auth', 'access', 'org', 'directory', 'import', 'jobs', 'locks', 'psa', 'preview', 'vault', 'preferences', 'workspaces', 'protocol'];
const only = (...allowed) => mainFolders.filter((folder) => !allowed.includes(folder));
const mainLayers = [
  { folders: ['base'], forbidden: only('base'), message: 'base/ is below everything in main: it imports only shared/ and Node.' },
  { folders: ['logging'], forbidden: only('base', 'logging'), message: 'logging/ sits on base/ alone.' },
  { folders: ['db'], forbidden: only('base', 'logging', 'db'), message: 'db/ knows no service or edge: services call it, never the other way.' },
  { folders: serviceFolders, forbidden: [...edgeFolders, 'services', 'guard'], message: 'Services never import an edge (ipc/, core/, dev-bridge/, cli/, platform/) or their own composition.' },
  { folders: ['services'], forbidden: [...edgeFolders, 'guard'], message: 'services/ composes the services; the edges import it, not the other way.' },
  {
    folders: ['ipc'],
    forbidden: ['db', 'core', 'dev-bridge', 'cli', 'platform', 'directory', 'import', 'jobs', 'locks', 'psa', 'preview', 'vault'],
    message: 'ipc/ maps calls onto services: never SQL or the db/ layer, never another edge, and the import, directory, lock, PSA and vault services only through access/operations (which checks every caller).',
  },
  { folders: ['cli'], forbidden: ['ipc', 'core', 'dev-bridge', 'platform'], message: 'The CLI is an edge of its own: services, not the IPC edge.' },
  { folders: ['guard'], forbidden: only('base', 'logging', 'guard'), message: 'guard/ (the process guard) sits on base/ and logging/ alone.' },
];
const electronImportsGroup = { group: [...electronPackages, '**/renderer/**'], message: 'Only electron/main/index.ts, electron/main/platform/ and the preload may import Electron; the core must run without it.' };
const folderImport = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
// SQL text (a string or template that starts like a statement, in capitals as all our SQL is) lives only in db/.
const sqlText = '/^\\s*(SELECT\\s|INSERT\\s+INTO\\s|UPDATE\\s+\\w+\\s+SET\\s|DELETE\\s+FROM\\s|(CREATE|ALTER|DROP)\\s+(TABLE|INDEX|UNIQUE|VIEW|TRIGGER)\\s|PRAGMA\\s|WITH\\s+\\w+\\s+AS\\s)/';

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
  ...mainLayers.map(({ folders, forbidden, message }) => ({
    files: folders.map((folder) => `electron/main/${folder}/**/*.ts`),
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImportsGroup, { regex: folderImport(forbidden), message }] }] },
  })),
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${sqlText}]`, message: 'SQL lives only in electron/main/db/: call a repository function.' },
        { selector: `TemplateElement[value.raw=${sqlText}]`, message: 'SQL lives only in electron/main/db/: call a repository function.' },
      ],
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
