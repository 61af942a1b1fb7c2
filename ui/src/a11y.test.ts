// Keyboard and screen-reader basics across the whole shell: the skip link,
// Ctrl+K from any page, and a name for every button and field on every page.
import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { VaultStatus } from './lib/ipc';
import { fakeBackend } from './test/helpers';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(() => Promise.resolve(() => undefined)) }));
const invokeMock = vi.mocked(invoke);

const OPEN_VAULT: VaultStatus = { exists: true, unlocked: true, protection: 'password', keyringAvailable: true };
const PAGES = ['codes', 'add', 'time', 'admin', 'enrol', 'troubleshoot', 'settings'] as const;

function backend(): void {
  fakeBackend(invokeMock, {
    app_info: () => ({ version: '1', dataDir: 'd', logDir: 'l', locale: 'en' }),
    set_locale: () => null,
    vault_status: () => OPEN_VAULT,
    list_accounts: () => [
      {
        id: 1,
        issuer: 'GitHub',
        label: 'octo',
        kind: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
        pinned: false,
        color: null,
        warning: null,
      },
    ],
    codes_now: () => ({ at: 1_700_000_000.5, codes: [{ id: 1, code: '123456', remaining: 20, period: 30, next: null }] }),
    get_settings: () => ({ clipboardClearSeconds: 30, lockAfterIdleMinutes: 5 }),
    get_cognito_settings: () => ({ endpointOverride: null }),
    error_catalogue: () => ({ themes: [], entries: [] }),
  });
}

/** The accessible name as a screen reader would get it, near enough for buttons and fields. */
function accessibleName(el: HTMLElement): string {
  const labelledby = el.getAttribute('aria-labelledby');
  if (labelledby) {
    return labelledby
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  }
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
    const labels = [...(el.labels ?? [])].map((l) => l.textContent).join(' ');
    return labels.trim() || (el.getAttribute('title') ?? '').trim();
  }
  return (el.textContent.trim() || el.getAttribute('title')) ?? '';
}

describe('accessibility of the shell', () => {
  it('offers a skip link first in the tab order, which takes the focus to the page', async () => {
    backend();
    render(App);
    const skip = screen.getByTestId('skip-link');
    expect(skip.textContent.trim()).toBe('Skip to the page');
    const focusables = document.querySelectorAll('button, a[href], input, select, textarea, [tabindex="0"]');
    expect(focusables[0]).toBe(skip);
    await fireEvent.click(skip);
    await tick();
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(screen.getByTestId('page-title'));
    });
  });

  it.each(PAGES)('gives every button and field on the %s page a name', async (page) => {
    backend();
    render(App);
    await fireEvent.click(screen.getByTestId(`nav-${page}`));
    await screen.findByTestId(`page-${page}`);
    // Let the page load what it shows.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await tick();
    const unnamed = [...document.querySelectorAll<HTMLElement>('button, input:not([type=hidden]), select, textarea')]
      .filter((el) => accessibleName(el) === '')
      .map((el) => el.outerHTML.slice(0, 120));
    expect(unnamed).toEqual([]);
  });

  it('opens the palette with Ctrl+K from any page', async () => {
    backend();
    render(App);
    for (const page of PAGES) {
      await fireEvent.click(screen.getByTestId(`nav-${page}`));
      await screen.findByTestId(`page-${page}`);
      await fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
      expect(await screen.findByTestId('palette')).toBeTruthy();
      await fireEvent.keyDown(screen.getByTestId('palette-input'), { key: 'Escape' });
      expect(screen.queryByTestId('palette')).toBeNull();
    }
  });
});
