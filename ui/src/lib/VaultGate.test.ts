import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import CodesPage from '../pages/CodesPage.svelte';
import { fakeBackend } from '../test/helpers';
import type { VaultStatus } from './ipc';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const NO_VAULT: VaultStatus = { exists: false, unlocked: false, protection: null, keyringAvailable: true };
const WRONG_PASSWORD = {
  code: 'vault.wrong_password',
  message: 'Wrong password.',
  hint: 'Check Caps Lock.',
};

function renderCodes(): void {
  render(CodesPage, { onnavigate: vi.fn() });
}

const input = (id: string): HTMLInputElement => screen.getByTestId(id);

describe('vault gate: set-up', () => {
  it('offers the set-up card when there is no vault, keyring recommended', async () => {
    fakeBackend(invokeMock, { vault_status: () => NO_VAULT });
    renderCodes();
    const setup = await screen.findByTestId('vault-setup');
    expect(setup.textContent).toContain('Protect your secrets with');
    expect(setup.textContent).toContain('Recommended');
    expect(input('vault-keyring').disabled).toBe(false);
    expect(input('vault-keyring').checked).toBe(true);
    // No password fields for the keyring.
    expect(screen.queryByTestId('vault-password')).toBeNull();
    expect(screen.queryByTestId('account-row')).toBeNull();
    // The page itself is still there, with its title.
    expect(screen.getByTestId('page-title').textContent).toBe('Codes');
  });

  it('creates a keyring vault, then shows the accounts', async () => {
    const created: VaultStatus = { exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true };
    const create = vi.fn(() => created);
    fakeBackend(invokeMock, { vault_status: () => NO_VAULT, vault_create: create, list_accounts: () => [] });
    renderCodes();
    await fireEvent.click(await screen.findByTestId('vault-create'));
    expect(create).toHaveBeenCalledWith({ protection: 'keyring', password: null });
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No accounts yet');
    expect(screen.queryByTestId('vault-setup')).toBeNull();
  });

  it('disables the keyring, with an explanation, when there is none', async () => {
    fakeBackend(invokeMock, { vault_status: () => ({ ...NO_VAULT, keyringAvailable: false }) });
    renderCodes();
    await screen.findByTestId('vault-setup');
    expect(input('vault-keyring').disabled).toBe(true);
    expect(input('vault-keyring').checked).toBe(false);
    expect(input('vault-choose-password').checked).toBe(true);
    expect(screen.getByTestId('vault-keyring-help').textContent).toContain('No system keyring is available');
    expect(screen.getByTestId('vault-password')).toBeTruthy();
  });

  it('checks the password before creating a password vault', async () => {
    const create = vi.fn(() => ({ exists: true, unlocked: true, protection: 'password', keyringAvailable: true }));
    fakeBackend(invokeMock, { vault_status: () => NO_VAULT, vault_create: create, list_accounts: () => [] });
    renderCodes();
    await fireEvent.click(await screen.findByTestId('vault-choose-password'));
    const password = input('vault-password');
    expect(screen.getByLabelText('Password')).toBe(password);
    expect(password.type).toBe('password');

    await fireEvent.click(screen.getByTestId('vault-create'));
    expect(screen.getByTestId('vault-password-error').textContent).toContain('Choose a password');
    expect(password.getAttribute('aria-invalid')).toBe('true');

    await fireEvent.input(password, { target: { value: 'short' } });
    expect(screen.getByTestId('vault-strength').textContent).toContain('too short');
    await fireEvent.click(screen.getByTestId('vault-create'));
    expect(screen.getByTestId('vault-password-error').textContent).toContain('at least 8 characters');

    await fireEvent.input(password, { target: { value: 'correct horse battery' } });
    expect(screen.getByTestId('vault-strength').textContent).toContain('strong');
    await fireEvent.input(input('vault-password-confirm'), { target: { value: 'correct horse batery' } });
    await fireEvent.click(screen.getByTestId('vault-create'));
    expect(screen.getByTestId('vault-confirm-error').textContent).toContain('not the same');
    expect(create).not.toHaveBeenCalled();

    await fireEvent.input(input('vault-password-confirm'), { target: { value: 'correct horse battery' } });
    await fireEvent.click(screen.getByTestId('vault-create'));
    expect(create).toHaveBeenCalledWith({ protection: 'password', password: 'correct horse battery' });
    await screen.findByTestId('empty-state');
  });
});

describe('vault gate: locked', () => {
  const LOCKED: VaultStatus = { exists: true, unlocked: false, protection: 'password', keyringAvailable: true };

  it('asks for the password, shows a wrong one inline, and opens with the right one', async () => {
    const unlock = vi.fn(({ password }: Record<string, unknown>) => {
      if (password !== 'open sesame') throw WRONG_PASSWORD;
      return { ...LOCKED, unlocked: true };
    });
    fakeBackend(invokeMock, { vault_status: () => LOCKED, vault_unlock: unlock, list_accounts: () => [] });
    renderCodes();
    const locked = await screen.findByTestId('vault-locked');
    expect(locked.textContent).toContain('Vault locked');
    expect(screen.queryByTestId('vault-setup')).toBeNull();
    const password = input('vault-unlock-password');
    expect(screen.getByLabelText('Vault password')).toBe(password);

    // Nothing typed: said at once, no call.
    await fireEvent.click(screen.getByTestId('vault-unlock'));
    expect(screen.getByTestId('vault-unlock-error').textContent).toContain('Type your password');
    expect(unlock).not.toHaveBeenCalled();

    await fireEvent.input(password, { target: { value: 'guess' } });
    await fireEvent.click(screen.getByTestId('vault-unlock'));
    const error = await screen.findByTestId('vault-unlock-error');
    await vi.waitFor(() => {
      expect(error.textContent).toContain('Wrong password.');
    });
    expect(screen.getByTestId('vault-unlock-error').textContent).toContain('Check Caps Lock.');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(screen.getByTestId('vault-unlock-error').id);
    // The wrong password is not kept.
    expect(password.value).toBe('');
    expect(screen.queryByTestId('error-notice')).toBeNull();

    await fireEvent.input(password, { target: { value: 'open sesame' } });
    await fireEvent.click(screen.getByTestId('vault-unlock'));
    expect(unlock).toHaveBeenLastCalledWith({ password: 'open sesame' });
    await screen.findByTestId('empty-state');
  });

  it('tries the keyring by itself once, then offers a retry that shows why it failed', async () => {
    const keyringLocked: VaultStatus = { exists: true, unlocked: false, protection: 'keyring', keyringAvailable: false };
    let attempts = 0;
    const unlock = vi.fn(() => {
      attempts += 1;
      if (attempts === 1) {
        throw { code: 'vault.keyring_unavailable', message: 'The system keyring is not available.', hint: 'Start it.' };
      }
      return { ...keyringLocked, unlocked: true, keyringAvailable: true };
    });
    fakeBackend(invokeMock, { vault_status: () => keyringLocked, vault_unlock: unlock, list_accounts: () => [] });
    renderCodes();
    expect((await screen.findByTestId('error-code')).textContent).toBe('vault.keyring_unavailable');
    expect(unlock).toHaveBeenCalledWith({ password: null });
    expect(screen.queryByTestId('vault-unlock-password')).toBeNull();
    const retry = screen.getByTestId('vault-unlock');
    expect(retry.textContent).toContain('Unlock with system keyring');
    await fireEvent.click(retry);
    await screen.findByTestId('empty-state');
    expect(unlock).toHaveBeenCalledTimes(2);
  });

  it('shows why the state is unknown, with a retry', async () => {
    let fail = true;
    fakeBackend(invokeMock, {
      vault_status: () => {
        if (fail) throw { code: 'vault.corrupt', message: 'The vault file is damaged.', hint: null };
        return NO_VAULT;
      },
    });
    renderCodes();
    expect((await screen.findByTestId('error-code')).textContent).toBe('vault.corrupt');
    fail = false;
    await fireEvent.click(screen.getByTestId('vault-retry'));
    await screen.findByTestId('vault-setup');
  });
});

describe('lock button', () => {
  it('appears in the shell for an open password vault, and locks it', async () => {
    const open: VaultStatus = { exists: true, unlocked: true, protection: 'password', keyringAvailable: true };
    const lock = vi.fn(() => ({ ...open, unlocked: false }));
    fakeBackend(invokeMock, {
      app_info: () => ({ version: '1', dataDir: 'd', logDir: 'l', locale: 'en' }),
      vault_status: () => open,
      vault_lock: lock,
      list_accounts: () => [],
    });
    render(App);
    const button = await screen.findByTestId('vault-lock');
    expect(button.textContent).toContain('Lock');
    await fireEvent.click(button);
    expect(lock).toHaveBeenCalledOnce();
    await screen.findByTestId('vault-locked');
    expect(screen.queryByTestId('vault-lock')).toBeNull();
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(screen.getByTestId('vault-unlock-password'));
    });
  });

  it('is not offered for a keyring vault', async () => {
    fakeBackend(invokeMock, {
      app_info: () => ({ version: '1', dataDir: 'd', logDir: 'l', locale: 'en' }),
      vault_status: () => ({ exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true }),
      list_accounts: () => [],
    });
    render(App);
    await screen.findByTestId('empty-state');
    expect(screen.queryByTestId('vault-lock')).toBeNull();
  });
});
