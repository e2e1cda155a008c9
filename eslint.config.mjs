// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Workflow code runs in a deterministic sandbox: it may import only the workflow SDK, its own files,
 * and types. Anything else (node modules, src/, activities/) must be `import type`.
 */
function workflowImportRule(files, regex) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex,
              allowTypeImports: true,
              message: 'Workflow code may import only @temporalio/workflow and files inside workflows/; use `import type` for anything else.',
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.cache/', 'dist/', 'test/histories/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  workflowImportRule(['workflows/*.ts'], '^(?!@temporalio/workflow$|\\./)'),
  // One folder down (workflows/contract/, workflows/v1/...) may also reach its siblings through ../,
  // but never out of workflows/.
  workflowImportRule(['workflows/*/*.ts'], '^(?!@temporalio/workflow$|\\./|\\.\\./(?!\\.\\./))'),
  {
    // Domain modules throw typed errors; only src/api knows HTTP. The entry points (src/cli) and the
    // composition root (src/composition) start it.
    files: ['src/**/*.ts'],
    ignores: ['src/api/**', 'src/cli/**', 'src/composition/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\./|(\\.\\./)+)api(/|$)',
              message: 'Only src/api knows HTTP: throw a typed domain error here and map it in src/api/errors.',
            },
          ],
        },
      ],
    },
  },
  {
    // node:test's describe/it return promises the runner itself awaits.
    files: ['test/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
    },
  },
  {
    // Entry points and dev tooling talk to the terminal on purpose.
    files: ['src/cli/**/*.ts', 'test/support/**/*.ts', 'test/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
