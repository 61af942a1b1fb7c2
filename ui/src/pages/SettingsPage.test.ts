import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Settings, VaultStatus } from '../lib/ipc';
import { fakeBackend } from '../test/helpers';
import SettingsPage from './SettingsPage.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const SETTINGS: Settings = { clipboardClearSeconds: 30, lockAfterIdleMinutes: 5 };
const PASSWORD_VAULT: VaultStatus = { exists: true, unlocked: true, protection: 'password', keyringAvailable: true };

const input = (id: string): HTMLInputElement => screen.getByTestId(id);
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);

describe('Settings: security', () => {
  it('loads the settings, saves them, and says so', async () => {
    fakeBackend(invokeMock, {
      get_settings: () => SETTINGS,
      set_settings: ({ settings }) => settings,
      vault_status: () => PASSWORD_VAULT,
    });
    render(SettingsPage, { info: null });
    await vi.waitFor(() => {
      expect(input('settings-clipboard-seconds').value).toBe('30');
    });
    expect(input('settings-lock-minutes').value).toBe('5');
    expect(screen.getByLabelText('Clear the clipboard after (seconds)')).toBe(input('settings-clipboard-seconds'));
    expect(screen.getByLabelText('Lock after inactivity (minutes)')).toBe(input('settings-lock-minutes'));
    expect(screen.getByTestId('page-settings').textContent).toContain('Only for a vault protected by a password');
    expect(screen.queryByTestId('settings-lock-note')).toBeNull();

    await fireEvent.input(input('settings-clipboard-seconds'), { target: { value: '0' } });
    await fireEvent.input(input('settings-lock-minutes'), { target: { value: '15' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(calls('set_settings')).toEqual([
      ['set_settings', { settings: { clipboardClearSeconds: 0, lockAfterIdleMinutes: 15 } }],
    ]);
    await vi.waitFor(() => {
      expect(screen.getByTestId('settings-saved').textContent).toContain('Saved.');
    });
  });

  it('refuses values out of range without calling the back end', async () => {
    fakeBackend(invokeMock, { get_settings: () => SETTINGS, vault_status: () => PASSWORD_VAULT });
    render(SettingsPage, { info: null });
    await vi.waitFor(() => {
      expect(input('settings-clipboard-seconds').disabled).toBe(false);
    });
    await fireEvent.input(input('settings-clipboard-seconds'), { target: { value: '-1' } });
    await fireEvent.input(input('settings-lock-minutes'), { target: { value: '2.5' } });
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect(screen.getByTestId('settings-clipboard-error').textContent).toContain('from 0 to 3600');
    expect(screen.getByTestId('settings-lock-error').textContent).toContain('from 0 to 1440');
    expect(input('settings-clipboard-seconds').getAttribute('aria-invalid')).toBe('true');
    expect(calls('set_settings')).toEqual([]);
  });

  it('says the idle lock does nothing for a keyring vault', async () => {
    fakeBackend(invokeMock, {
      get_settings: () => SETTINGS,
      vault_status: () => ({ ...PASSWORD_VAULT, protection: 'keyring' }),
    });
    render(SettingsPage, { info: null });
    expect((await screen.findByTestId('settings-lock-note')).textContent).toContain('no effect');
  });

  it('explains that a locked vault keeps them, without asking the back end', async () => {
    const onnavigate = vi.fn();
    fakeBackend(invokeMock, {
      vault_status: () => ({ ...PASSWORD_VAULT, unlocked: false }),
      get_cognito_settings: () => ({ endpointOverride: 'http://127.0.0.1:5000' }),
    });
    render(SettingsPage, { info: null, onnavigate });
    expect((await screen.findByTestId('settings-vault-closed')).textContent).toContain('unlock it');
    expect(input('settings-clipboard-seconds').disabled).toBe(true);
    expect(calls('get_settings')).toEqual([]);
    // The Cognito endpoint lives outside the vault: editable while it is locked.
    await vi.waitFor(() => {
      expect(input('cognito-settings-endpoint').value).toBe('http://127.0.0.1:5000');
    });
    expect(input('cognito-settings-endpoint').disabled).toBe(false);
    await fireEvent.click(screen.getByTestId('settings-open-vault'));
    expect(onnavigate).toHaveBeenCalledWith('codes');
  });

  it('shows why the settings could not be loaded, and keeps the fields off', async () => {
    fakeBackend(invokeMock, {
      get_settings: () => {
        throw { code: 'settings.unreadable', message: 'Settings file unreadable.', hint: null };
      },
      vault_status: () => PASSWORD_VAULT,
      get_cognito_settings: () => ({ endpointOverride: null }),
      get_update_settings: () => ({ enabled: false, endpoint: null }),
      get_launch_at_login: () => false,
      get_shortcut_settings: () => ({
        quickSearch: 'Ctrl+Shift+K',
        defaultQuickSearch: 'Ctrl+Shift+K',
        active: true,
        problem: null,
      }),
    });
    render(SettingsPage, { info: null });
    expect((await screen.findByTestId('error-code')).textContent).toBe('settings.unreadable');
    expect(input('settings-clipboard-seconds').disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('settings-save').disabled).toBe(true);
  });
});

describe('Settings: appearance', () => {
  it('switches the theme from the select and remembers it', async () => {
    fakeBackend(invokeMock, { vault_status: () => PASSWORD_VAULT, get_settings: () => SETTINGS });
    render(SettingsPage, { info: null });
    const select: HTMLSelectElement = screen.getByLabelText('Theme');
    expect(select.value).toBe('system');
    expect([...select.options].map((option) => option.textContent)).toEqual(['System', 'Light', 'Dark']);
    await fireEvent.change(select, { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('kairos.theme')).toBe('dark');
    await fireEvent.change(select, { target: { value: 'light' } });
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});
