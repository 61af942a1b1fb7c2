import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Local rule: user-facing text in Svelte markup must come from the i18n
 * catalogue (`t()` / `tn()`), never be written literally. Flags text nodes and
 * text-bearing attributes (aria-label, placeholder, title, alt…) that contain a
 * letter outside a `{…}` expression.
 * @type {import('eslint').Rule.RuleModule}
 */
const noLiteralText = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow literal user-facing text in Svelte markup' },
    messages: {
      text: 'Literal text “{{text}}”: put it in src/i18n/en.ts and use t().',
    },
    schema: [],
  },
  create(context) {
    const LETTER = /\p{L}/u;
    const TEXT_ATTRIBUTES = new Set([
      'alt',
      'title',
      'placeholder',
      'label',
      'aria-label',
      'aria-description',
      'aria-placeholder',
      'aria-roledescription',
      'aria-valuetext',
    ]);
    const report = (node, text) =>
      context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 40) } });
    return {
      SvelteText(node) {
        const parent = node.parent;
        if (parent.type === 'SvelteStyleElement' || parent.type === 'SvelteScriptElement') return;
        if (LETTER.test(node.value)) report(node, node.value);
      },
      SvelteAttribute(node) {
        if (!TEXT_ATTRIBUTES.has(node.key.name)) return;
        for (const part of node.value) {
          if (part.type === 'SvelteLiteral' && LETTER.test(part.value)) report(part, part.value);
        }
      },
    };
  },
};

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ts.configs.strictTypeChecked,
  svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['*.js', '*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['**/*.svelte'],
    plugins: { kairos: { rules: { 'no-literal-text': noLiteralText } } },
    rules: {
      'kairos/no-literal-text': 'error',
      // Strict CSP: style attributes and style: directives would be blocked.
      'svelte/no-inline-styles': ['error', { allowTransitions: false }],
      'svelte/no-at-html-tags': 'error',
      'svelte/button-has-type': 'error',
      'svelte/require-each-key': 'error',
    },
  },
  {
    // Tests simulate Tauri, which rejects with plain strings and objects.
    files: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    files: ['eslint.config.js', 'svelte.config.js', 'vite.config.ts'],
    extends: [ts.configs.disableTypeChecked],
  },
);
