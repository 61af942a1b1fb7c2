import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n';
import AddAccountPage from '../pages/AddAccountPage.svelte';
import CodesPage from '../pages/CodesPage.svelte';
import { fakeBackend } from '../test/helpers';
import type { VaultStatus } from './ipc';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const NO_VAULT: VaultStatus = { exists: false, unlocked: false, protection: null, keyringAvailable: true };
const NO_KEYRING: VaultStatus = { ...NO_VAULT, keyringAvailable: false };

const input = (id: string): HTMLInputElement => screen.getByTestId(id);

describe('first-run screen', () => {
  it('welcomes, explains both halves and sets up the vault, keyring first', async () => {
    fakeBackend(invokeMock, { vault_status: () => NO_VAULT });
    render(CodesPage, { onnavigate: vi.fn() });
    const screenEl = await screen.findByTestId('first-run');
    expect(screen.getByRole('heading', { level: 2, name: 'Welcome to Kairos' })).toBeTruthy();
    const halves = within(screenEl).getByRole('list', { name: 'What Kairos does' });
    expect(within(halves).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByTestId('first-run-authenticator').textContent).toContain('network time');
    expect(screen.getByTestId('first-run-admin').textContent).toContain('Amazon Cognito');
    expect(screen.getByTestId('first-run-admin').textContent).toContain('no vault needed');
    // The set-up is part of the screen: keyring recommended and chosen, no password fields.
    const setup = within(screenEl).getByTestId('vault-setup');
    expect(setup.textContent).toContain('encrypted vault');
    expect(input('vault-keyring').checked).toBe(true);
    expect(screen.queryByTestId('vault-password')).toBeNull();
    expect(screen.queryByTestId('vault-no-keyring')).toBeNull();
  });

  it('takes the user to the Cognito admin, which needs no vault', async () => {
    fakeBackend(invokeMock, { vault_status: () => NO_VAULT });
    const onnavigate = vi.fn();
    render(CodesPage, { onnavigate });
    await fireEvent.click(await screen.findByTestId('first-run-open-admin'));
    expect(onnavigate).toHaveBeenCalledWith('admin');
  });

  it('says when there is no keyring and offers the password instead', async () => {
    fakeBackend(invokeMock, { vault_status: () => NO_KEYRING });
    render(CodesPage, { onnavigate: vi.fn() });
    const notice = await screen.findByTestId('vault-no-keyring');
    expect(notice.textContent).toContain('No system keyring was found');
    expect(notice.getAttribute('role')).toBe('note');
    expect(input('vault-keyring').disabled).toBe(true);
    expect(input('vault-choose-password').checked).toBe(true);
    expect(input('vault-password')).toBeTruthy();
    expect(input('vault-password-confirm')).toBeTruthy();
  });

  it('falls back to the password when the keyring fails at creation', async () => {
    let keyringAvailable = true;
    const create = vi.fn(() => {
      keyringAvailable = false;
      throw { code: 'vault.keyring_unavailable', message: 'The system keyring is not available.', hint: 'Start it.' };
    });
    fakeBackend(invokeMock, {
      vault_status: () => ({ ...NO_VAULT, keyringAvailable }),
      vault_create: create,
    });
    render(CodesPage, { onnavigate: vi.fn() });
    await fireEvent.click(await screen.findByTestId('vault-create'));
    expect(create).toHaveBeenCalledWith({ protection: 'keyring', password: null });
    expect((await screen.findByTestId('error-code')).textContent).toBe('vault.keyring_unavailable');
    await screen.findByTestId('vault-no-keyring');
    expect(input('vault-choose-password').checked).toBe(true);
  });

  it('creates a password vault with a confirmed password and a strength hint, then shows the codes', async () => {
    const create = vi.fn(() => ({ exists: true, unlocked: true, protection: 'password', keyringAvailable: true }));
    fakeBackend(invokeMock, { vault_status: () => NO_VAULT, vault_create: create, list_accounts: () => [] });
    render(CodesPage, { onnavigate: vi.fn() });
    await fireEvent.click(await screen.findByTestId('vault-choose-password'));
    const password = input('vault-password');
    await fireEvent.input(password, { target: { value: 'abcdefgh' } });
    expect(screen.getByTestId('vault-strength').textContent).toContain('weak');
    expect(password.getAttribute('aria-describedby')).toContain(screen.getByTestId('vault-strength').id);
    await fireEvent.input(password, { target: { value: 'Tide-pool lantern 42' } });
    expect(screen.getByTestId('vault-strength').textContent).toContain('strong');
    await fireEvent.input(input('vault-password-confirm'), { target: { value: 'Tide-pool lantern 4' } });
    await fireEvent.click(screen.getByTestId('vault-create'));
    expect(screen.getByTestId('vault-confirm-error').textContent).toContain('not the same');
    expect(create).not.toHaveBeenCalled();
    await fireEvent.input(input('vault-password-confirm'), { target: { value: 'Tide-pool lantern 42' } });
    await fireEvent.click(screen.getByTestId('vault-create'));
    expect(create).toHaveBeenCalledWith({ protection: 'password', password: 'Tide-pool lantern 42' });
    await screen.findByTestId('empty-state');
    expect(screen.queryByTestId('first-run')).toBeNull();
  });

  it('other pages show only the set-up card, not the welcome', async () => {
    fakeBackend(invokeMock, { vault_status: () => NO_VAULT });
    render(AddAccountPage, { onadded: vi.fn(), onimported: vi.fn() });
    await screen.findByTestId('vault-setup');
    expect(screen.queryByTestId('first-run')).toBeNull();
  });

  it('speaks French', async () => {
    locale.set('fr');
    fakeBackend(invokeMock, { vault_status: () => NO_KEYRING });
    render(CodesPage, { onnavigate: vi.fn() });
    await screen.findByTestId('first-run');
    expect(screen.getByRole('heading', { level: 2, name: 'Bienvenue dans Kairos' })).toBeTruthy();
    expect(screen.getByTestId('first-run-open-admin').textContent).toContain('Ouvrir l’administration Cognito');
    expect(screen.getByTestId('vault-no-keyring').textContent).toContain('Aucun trousseau système');
  });
});
