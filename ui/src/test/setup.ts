// Runs before each test file (after @testing-library/svelte's auto-cleanup setup).
import { afterEach } from 'vitest';
import { locale } from '../i18n/locale.svelte';

afterEach(() => {
  locale.set('en');
  localStorage.clear();
  delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
});
