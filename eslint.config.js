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
      // Untrusted text (scenario, learner, URL) must never reach the DOM as markup, nor run as code.
      // tests/unit/lint/noMarkup.test.ts proves each of these still fires, in .ts and .svelte.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Use textContent or Svelte text interpolation.' },
        { property: 'outerHTML', message: 'Use textContent or Svelte text interpolation.' },
        { property: 'insertAdjacentHTML', message: 'Use DOM APIs with text nodes.' },
        { property: 'createContextualFragment', message: 'Parses markup: build nodes with DOM APIs instead.' },
        { property: 'srcdoc', message: 'An iframe srcdoc is markup: load a same-origin page instead.' },
        { object: 'document', property: 'write', message: 'Parses markup: use DOM APIs with text nodes.' },
        { object: 'document', property: 'writeln', message: 'Parses markup: use DOM APIs with text nodes.' },
      ],
      'no-restricted-syntax': ['error',
        {
          selector: "CallExpression[callee.property.name='parseFromString'][arguments.1.value=/html/i]",
          message: 'DOMParser with HTML parses markup: keep untrusted text as text.',
        },
        {
          selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value=/^(srcdoc$|on)/i]",
          message: 'Event-handler and srcdoc attributes are code or markup.',
        },
        {
          selector: "SvelteAttribute[key.name=/^srcdoc$/i]",
          message: 'An iframe srcdoc is markup: load a same-origin page instead.',
        },
        {
          selector: "SvelteDirective[kind='Binding'][key.name.name=/^(innerHTML|outerHTML)$/]",
          message: 'bind:innerHTML turns text into markup: bind textContent instead.',
        },
      ],
      'svelte/no-at-html-tags': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
    },
  },
  {
    // Tests feed javascript: URLs to the app on purpose (the XSS corpus, hostile share links).
    files: ['tests/**'],
    rules: { 'no-script-url': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
);
