import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'data', '.cache', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/channels/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/nlu/**', '**/cases/**', '**/answers/**', '**/dialogue/**', '**/pipeline/**', '**/staff/**', '**/staffroom/**', '**/interviews/**', '**/outbox/**', '**/reports/**', '**/features.js', '**/bootstrap.js'], message: 'Channel adapters know their protocol and core/ only.' },
      ] }],
    },
  },
  {
    files: ['src/cases/**/*.ts', 'src/answers/**/*.ts', 'src/calendar/**/*.ts', 'src/staff/**/*.ts', 'src/nlu/**/*.ts', 'src/dialogue/**/*.ts', 'src/reports/**/*.ts', 'src/interviews/**/*.ts', 'src/outbox/**/*.ts', 'src/staffroom/**/*.ts', 'src/pipeline/**/*.ts', 'src/conversations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['koa', '@koa/router'], patterns: [{ group: ['**/channels/**', '**/admin/**', '**/http/**'], message: 'Domain modules know nothing of HTTP.' }] }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
);
