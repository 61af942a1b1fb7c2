// Runs before each test file (after @testing-library/svelte's auto-cleanup setup).
import { afterEach } from 'vitest';
import { locale } from '../i18n/locale.svelte';
import { theme } from '../lib/theme.svelte';

// jsdom does not lay pages out, so it has no scrolling.
Element.prototype.scrollIntoView = function scrollIntoView(): void {
  // nothing to scroll
};

afterEach(async () => {
  // Imported late, so that a test file's mock of @tauri-apps/api/core applies to it.
  const { vault } = await import('../lib/vault.svelte');
  vault.reset();
  locale.set('en');
  theme.set('system');
  localStorage.clear();
  delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
});
