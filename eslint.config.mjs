import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

/** Import patterns (both the `@/` alias and relative paths) for the given top-level folders. */
const folders = (...names) => names.flatMap((name) => [`@/${name}`, `@/${name}/**`, `**/${name}`, `**/${name}/**`]);
const frameworks = ['next', 'next/*', 'next-auth', 'next-auth/*', 'react', 'react/*', 'react-dom', 'react-dom/*'];

/**
 * Imports point one way: app → components → lib → db, with auth beside lib. A folder may import
 * those below it, never those above; lib and db stay free of Next and React.
 */
const boundary = (files, forbidden, message, extra = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...folders(...forbidden), ...extra], message }] }] },
});

const DB_MESSAGE = 'db/ is the bottom layer: it imports nothing of ours but db/ and lib/config.';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  prettier,
  globalIgnores(['.next*/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  boundary(
    ['components/**'],
    ['app', 'auth', 'db', 'cli', 'bench', 'tests'],
    'components/ sits below app/ and above lib/: take data and server actions as props.',
  ),
  boundary(['auth/**'], ['app', 'components', 'cli', 'bench', 'tests'], 'auth/ sits beside lib/: it must not reach up into app/ or components/.'),
  boundary(['lib/**'], ['app', 'components', 'auth', 'cli', 'bench', 'tests'], 'lib/ holds domain verbs free of Next and React: nothing above it.', frameworks),
  {
    files: ['db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...folders('app', 'components', 'auth', 'cli', 'bench', 'tests'), ...frameworks], message: DB_MESSAGE },
            // lib/config is the one reader of the environment, the database settings included.
            { regex: '(^@/|/)lib/(?!config/)', message: DB_MESSAGE },
          ],
        },
      ],
    },
  },
  boundary(['migrations/**'], ['app', 'components', 'auth', 'lib', 'cli', 'bench', 'tests'], 'migrations/ may use db/ only.', frameworks),
  boundary(['cli/**'], ['app', 'components', 'bench', 'tests'], 'cli/ drives lib/ (and auth/), never the web app.'),
  boundary(['bench/**'], ['app', 'components', 'tests'], 'bench/ measures lib/ and db/; shared seeding belongs in bench/ itself.'),
]);
