import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { LOCALE_STORAGE_KEY } from './i18n/locale.svelte';
import type { AppInfo, Settings, VaultStatus } from './lib/ipc';
import { withBackend, withoutBackend } from './test/helpers';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const INFO: AppInfo = {
  version: '0.3.1',
  dataDir: '/home/ada/.local/share/kairos',
  logDir: '/home/ada/.local/state/kairos/logs',
  locale: 'en',
};

/** An open vault with no accounts yet. */
const OPEN_VAULT: VaultStatus = { exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true };
const SETTINGS: Settings = { clipboardClearSeconds: 30, lockAfterIdleMinutes: 5 };

/** A fake back end answering the shell's commands; `failures` makes some reject. */
function backend(failures: Partial<Record<string, unknown>> = {}): void {
  invokeMock.mockImplementation((cmd: string) => {
    if (cmd in failures) return Promise.reject(failures[cmd]); // the back end rejects with plain objects or strings
    if (cmd === 'app_info') return Promise.resolve(INFO);
    if (cmd === 'set_locale') return Promise.resolve(null);
    if (cmd === 'vault_status') return Promise.resolve(OPEN_VAULT);
    if (cmd === 'list_accounts') return Promise.resolve([]);
    if (cmd === 'codes_now') return Promise.resolve({ at: 1_700_000_000.5, codes: [] });
    if (cmd === 'get_settings') return Promise.resolve(SETTINGS);
    if (cmd === 'get_shortcut_settings')
      return Promise.resolve({ quickSearch: 'Ctrl+Shift+K', defaultQuickSearch: 'Ctrl+Shift+K', active: true, problem: null });
    if (cmd === 'get_cognito_settings') return Promise.resolve({ endpointOverride: null });
    if (cmd === 'get_update_settings') return Promise.resolve({ enabled: false, endpoint: null });
    if (cmd === 'get_launch_at_login') return Promise.resolve(false);
    if (cmd === 'error_catalogue') return Promise.resolve(CATALOGUE);
    return Promise.reject(new Error(`Command ${cmd} not found`));
  });
}

const CATALOGUE = {
  themes: ['session'],
  entries: [
    {
      id: 'session-expired',
      code: 'NotAuthorizedException',
      theme: 'session',
      operations: ['RespondToAuthChallenge'],
      seedCase: 6,
      title: { en: 'The sign-in session expired', fr: 'La session de connexion a expiré' },
      cause: { en: 'Too slow.', fr: 'Trop lent.' },
      fix: { en: 'Start again.', fr: 'Recommencez.' },
    },
  ],
};

const NAV = [
  ['codes', 'Codes'],
  ['add', 'Add account'],
  ['time', 'Time'],
  ['admin', 'Cognito admin'],
  ['enrol', 'Sign-in & enrol'],
  ['troubleshoot', 'Troubleshoot'],
  ['settings', 'Settings'],
] as const;

describe('App shell', () => {
  beforeEach(() => {
    withBackend();
    backend();
  });

  it('has a navigation with the seven pages in order', () => {
    render(App);
    const nav = screen.getByRole('navigation');
    const buttons = within(nav).getAllByRole('button');
    expect(buttons.map((b) => b.dataset.testid)).toEqual(NAV.map(([id]) => `nav-${id}`));
    expect(buttons.map((b) => b.textContent.trim())).toEqual(NAV.map(([, label]) => label));
  });

  it('opens on Codes with an empty state that leads to Add account', async () => {
    render(App);
    expect(screen.getByTestId('page-codes')).toBeTruthy();
    expect(screen.getByTestId('nav-codes').getAttribute('aria-current')).toBe('page');
    // The accounts load from the back end (an open vault, no accounts yet).
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No accounts yet');
    await fireEvent.click(screen.getByTestId('codes-add-account'));
    expect(screen.getByTestId('page-add')).toBeTruthy();
    expect(screen.getByTestId('nav-add').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-codes').getAttribute('aria-current')).toBeNull();
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(screen.getByTestId('page-title'));
    });
  });

  it.each(NAV)('shows page %s with its title and an empty state', async (id, label) => {
    render(App);
    await fireEvent.click(screen.getByTestId(`nav-${id}`));
    const page = screen.getByTestId(`page-${id}`);
    const titles = screen.getAllByTestId('page-title');
    expect(titles).toHaveLength(1);
    expect(titles[0]?.tagName).toBe('H1');
    expect(page.contains(titles[0] ?? null)).toBe(true);
    expect(screen.getByTestId(`nav-${id}`).getAttribute('aria-current')).toBe('page');
    expect(screen.getAllByRole('button', { current: 'page' })).toHaveLength(1);
    // Settings, Time, Troubleshoot and Sign-in have their own content rather than an empty state.
    if (id !== 'settings' && id !== 'time' && id !== 'troubleshoot' && id !== 'enrol') {
      expect(titles[0]?.textContent).toBe(label === 'Add account' ? 'Add account' : label);
      expect((await within(page).findByTestId('empty-state')).textContent.length).toBeGreaterThan(50);
    }
  });

  it('explains on Time why the clock matters for Cognito, and says why the state is missing', async () => {
    render(App);
    await fireEvent.click(screen.getByTestId('nav-time'));
    const text = screen.getByTestId('page-time').textContent;
    expect(text).toContain('within about 30 seconds of its own clock');
    expect(text).toContain('CodeMismatchException');
    // This fake back end has no time commands: the page says so instead of failing silently.
    const error = await screen.findByTestId('time-load-error');
    expect(within(error).getByTestId('error-message').textContent).toContain('time_status');
  });

  it('shows the Cognito error catalogue on Troubleshoot', async () => {
    render(App);
    await fireEvent.click(screen.getByTestId('nav-troubleshoot'));
    expect(await within(screen.getByTestId('page-troubleshoot')).findByTestId('entry-session-expired')).toBeTruthy();
  });

  it('opens Troubleshoot on the entry an error notice links to', async () => {
    render(App);
    expect(screen.getByTestId('page-codes')).toBeTruthy();
    window.location.hash = '#/troubleshoot/session-expired';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const selected = await screen.findByTestId('troubleshoot-selected');
    expect(within(selected).getByTestId('entry-session-expired')).toBeTruthy();
    expect(screen.getByTestId('nav-troubleshoot').getAttribute('aria-current')).toBe('page');
    window.location.hash = '';
  });

  it('shows app_info on Settings', async () => {
    render(App);
    await fireEvent.click(screen.getByTestId('nav-settings'));
    await vi.waitFor(() => {
      expect(screen.getByTestId('app-version').textContent.trim()).toBe('0.3.1');
    });
    expect(screen.getByTestId('data-dir').textContent.trim()).toBe(INFO.dataDir);
    expect(screen.getByTestId('log-dir').textContent.trim()).toBe(INFO.logDir);
    expect(screen.queryByTestId('startup-error')).toBeNull();
    // The back end already speaks English: no set_locale needed.
    expect(invokeMock).not.toHaveBeenCalledWith('set_locale', expect.anything());
  });

  it('switches the whole interface to French live, and tells the back end', async () => {
    render(App);
    await fireEvent.click(screen.getByTestId('nav-settings'));
    const select = screen.getByTestId<HTMLSelectElement>('language-select');
    expect(select.value).toBe('en');
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['en', 'English'],
      ['fr', 'Français'],
    ]);

    await fireEvent.change(select, { target: { value: 'fr' } });
    await tick();

    expect(screen.getByTestId('page-title').textContent).toBe('Paramètres');
    expect(screen.getByTestId('nav-codes').textContent.trim()).toBe('Codes');
    expect(screen.getByTestId('nav-troubleshoot').textContent.trim()).toBe('Dépannage');
    expect(document.documentElement.lang).toBe('fr');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('fr');
    expect(invokeMock).toHaveBeenCalledWith('set_locale', { locale: 'fr' });

    await fireEvent.click(screen.getByTestId('nav-codes'));
    expect(screen.getByTestId('page-title').textContent).toBe('Codes');
    expect(screen.getByTestId('empty-state').textContent).toContain('Aucun compte pour l’instant');
  });

  it('shows the error if the back end refuses the language', async () => {
    backend({ set_locale: { code: 'locale.unsupported', message: 'Unsupported.', hint: null } });
    render(App);
    await fireEvent.click(screen.getByTestId('nav-settings'));
    await fireEvent.change(screen.getByTestId('language-select'), { target: { value: 'fr' } });
    expect((await screen.findByTestId('error-code')).textContent).toBe('locale.unsupported');
    // The interface switched anyway.
    expect(screen.getByTestId('page-title').textContent).toBe('Paramètres');
  });

  it('brings the back end into line with the interface language at start-up', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    const { locale } = await import('./i18n/locale.svelte');
    locale.set('fr');
    render(App);
    await vi.waitFor(() => {
      expect(invokeMock).toHaveBeenCalledWith('set_locale', { locale: 'fr' });
    });
    expect(screen.getByTestId('page-title').textContent).toBe('Codes');
    expect(screen.getByTestId('nav-add').textContent.trim()).toBe('Ajouter un compte');
  });

  it('shows a start-up banner when app_info fails, which can be dismissed', async () => {
    backend({ app_info: 'Command app_info not found' });
    render(App);
    const banner = await screen.findByTestId('startup-error');
    expect(within(banner).getByTestId('error-code').textContent).toBe('ipc.unknown_command');
    expect(within(banner).getByTestId('error-message').textContent).toContain('app_info');
    expect(within(banner).getByTestId('error-hint').textContent).toMatch(/Restart Kairos/);

    await fireEvent.click(screen.getByTestId('nav-settings'));
    expect(screen.getByTestId('app-version').textContent.trim()).toBe('Not available');

    await fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('startup-error')).toBeNull();
  });

  it('says there is no back end when opened in a plain browser, in the current language', async () => {
    withoutBackend();
    render(App);
    const banner = await screen.findByTestId('startup-error');
    expect(within(banner).getByTestId('error-code').textContent).toBe('ipc.no_backend');
    expect(within(banner).getByTestId('error-hint').textContent).toMatch(/desktop app/);
    expect(invokeMock).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('nav-settings'));
    await fireEvent.change(screen.getByTestId('language-select'), { target: { value: 'fr' } });
    await tick();
    expect(within(banner).getByTestId('error-message').textContent).toMatch(/^Aucun moteur/);
  });
});
