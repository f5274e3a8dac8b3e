import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.bench/', '.tmp/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Untrusted text (scenario, learner, URL) must never reach the DOM as markup.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Use textContent or Svelte text interpolation.' },
        { property: 'outerHTML', message: 'Use textContent or Svelte text interpolation.' },
        { property: 'insertAdjacentHTML', message: 'Use DOM APIs with text nodes.' },
      ],
      'svelte/no-at-html-tags': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
);
