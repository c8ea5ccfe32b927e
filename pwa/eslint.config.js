// ESLint with the TypeScript rules (tests/run: `npm run lint`). The type checker (tsc) runs in
// the build; these catch what it does not: unused results, floating promises, unsafe `any`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'unit-build/', 'node_modules/', 'scripts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // The service worker: its own global scope, and the precache list vite writes in.
    files: ['src/sw/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['self', 'caches', 'fetch', 'Request', 'Response', 'URL', '__PRECACHE__'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
