import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SettingsPage from '../../pages/SettingsPage.svelte';
import { fakeBackend } from '../../test/helpers';
import type { VaultStatus } from '../ipc';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const OPEN: VaultStatus = { exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true };
const LOCKED: VaultStatus = { ...OPEN, protection: 'password', unlocked: false };
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const byId = (id: string): HTMLElement => screen.getByTestId(id);

async function exportCard(handlers: Handlers = {}, status = OPEN): Promise<void> {
  fakeBackend(invokeMock, {
    vault_status: () => status,
    get_settings: () => ({ clipboardClearSeconds: 30, lockAfterIdleMinutes: 5 }),
    ...handlers,
  });
  render(SettingsPage, { info: null });
  await vi.waitFor(() => {
    expect(screen.getByTestId<HTMLButtonElement>('export-save').disabled).toBe(status.unlocked ? false : true);
  });
}

describe('Settings: backup and export', () => {
  it('recommends the encrypted backup, and asks for a password twice', async () => {
    await exportCard({ export_backup: () => ({ path: '/home/ada/kairos.kbak', count: 12 }) });
    expect(screen.getByTestId<HTMLInputElement>('export-format-kairos').checked).toBe(true);
    expect(byId('export-card').textContent).toContain('Recommended');
    expect(screen.queryByTestId('export-plain-warning')).toBeNull();

    await fireEvent.click(byId('export-save'));
    expect(byId('export-password-error').textContent).toContain('Choose a password');
    expect(document.activeElement).toBe(byId('export-password'));

    await fireEvent.input(byId('export-password'), { target: { value: 'short' } });
    await fireEvent.click(byId('export-save'));
    expect(byId('export-password-error').textContent).toContain('at least 8 characters');

    await fireEvent.input(byId('export-password'), { target: { value: 'long enough' } });
    await fireEvent.input(byId('export-password-confirm'), { target: { value: 'long enougj' } });
    await fireEvent.click(byId('export-save'));
    expect(byId('export-confirm-error').textContent).toContain('not the same');
    expect(byId('export-password-confirm').getAttribute('aria-invalid')).toBe('true');
    expect(calls('export_backup')).toEqual([]);

    await fireEvent.input(byId('export-password-confirm'), { target: { value: 'long enough' } });
    await fireEvent.click(byId('export-save'));
    expect(calls('export_backup')).toEqual([['export_backup', { format: 'kairos', password: 'long enough' }]]);
    expect((await screen.findByTestId('export-result')).textContent).toBe(
      'Saved 12 accounts to /home/ada/kairos.kbak.',
    );
    expect(screen.getByTestId<HTMLInputElement>('export-password').value).toBe('');
    expect(screen.getByTestId<HTMLInputElement>('export-password-confirm').value).toBe('');
  });

  it('puts the back end’s weak-password error under the field', async () => {
    await exportCard({
      export_backup: () => {
        throw { code: 'backup.weak_password', message: 'This password is too easy to guess.', hint: null };
      },
    });
    await fireEvent.input(byId('export-password'), { target: { value: 'password' } });
    await fireEvent.input(byId('export-password-confirm'), { target: { value: 'password' } });
    await fireEvent.click(byId('export-save'));
    const error = await screen.findByTestId('export-password-error');
    expect(error.dataset.errorCode).toBe('backup.weak_password');
    expect(error.textContent).toContain('too easy to guess');
  });

  it.each(['aegis', 'uris'] as const)('warns before a plain %s export and needs the box ticked', async (format) => {
    await exportCard({ export_backup: () => ({ path: `/tmp/out.${format}`, count: 1 }) });
    await fireEvent.click(byId(`export-format-${format}`));
    const warning = byId('export-plain-warning');
    expect(warning.textContent).toContain('in clear');
    expect(screen.queryByTestId('export-password')).toBeNull();
    const box = screen.getByTestId<HTMLInputElement>('export-plain-confirm');
    expect(box.checked).toBe(false);

    await fireEvent.click(byId('export-save'));
    expect(calls('export_backup')).toEqual([]);
    expect(byId('export-plain-error').textContent).toContain('Tick the box');
    expect(box.getAttribute('aria-invalid')).toBe('true');

    await fireEvent.click(box);
    expect(screen.queryByTestId('export-plain-error')).toBeNull();
    await fireEvent.click(byId('export-save'));
    expect(calls('export_backup')).toEqual([['export_backup', { format, password: null }]]);
    expect((await screen.findByTestId('export-result')).textContent).toBe(`Saved 1 account to /tmp/out.${format}.`);
    // Each plain export is confirmed anew.
    expect(box.checked).toBe(false);
  });

  it('says so when the person cancels the save dialog', async () => {
    await exportCard({ export_backup: () => null });
    await fireEvent.click(byId('export-format-uris'));
    await fireEvent.click(byId('export-plain-confirm'));
    await fireEvent.click(byId('export-save'));
    expect((await screen.findByTestId('export-cancelled')).textContent).toContain('nothing was saved');
    expect(screen.queryByTestId('export-result')).toBeNull();
  });

  it('shows the Google Authenticator codes one at a time, and hides them on close', async () => {
    await exportCard({
      export_migration_qr: () => ({
        codes: [
          { svg: SVG, index: 0, size: 2 },
          { svg: SVG.replace('7v7', '6v6'), index: 1, size: 2 },
        ],
        skipped: 1,
      }),
    });
    await fireEvent.click(byId('export-qr'));
    const dialog = await screen.findByTestId('export-qr-dialog');
    expect(dialog.textContent).toContain('Anyone who sees these codes');
    expect(within(dialog).getByTestId('export-qr-skipped').textContent).toContain('1 account is left out');
    const image = within(dialog).getByTestId<HTMLImageElement>('export-qr-image');
    expect(image.getAttribute('src')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(SVG)}`);
    expect(image.alt).toBe('QR code 1 of 2 for Google Authenticator');
    expect(byId('export-qr-position').textContent).toBe('Code 1 of 2');
    expect(screen.getByTestId<HTMLButtonElement>('export-qr-prev').disabled).toBe(true);
    // No markup of the code in the page itself: only an image.
    expect(dialog.querySelector('svg path[d="M0 0h7v7H0z"]')).toBeNull();

    await fireEvent.click(byId('export-qr-next'));
    expect(byId('export-qr-position').textContent).toBe('Code 2 of 2');
    expect(screen.getByTestId<HTMLButtonElement>('export-qr-next').disabled).toBe(true);
    expect(document.activeElement).toBe(byId('export-qr-prev'));
    await fireEvent.keyDown(byId('export-qr-prev'), { key: 'ArrowLeft' });
    expect(byId('export-qr-position').textContent).toBe('Code 1 of 2');

    await fireEvent.click(byId('export-qr-close'));
    expect(screen.queryByTestId('export-qr-dialog')).toBeNull();
    expect(screen.queryByTestId('export-qr-image')).toBeNull();
  });

  it('says when there is nothing Google Authenticator could take', async () => {
    await exportCard({ export_migration_qr: () => ({ codes: [], skipped: 2 }) });
    await fireEvent.click(byId('export-qr'));
    const empty = await screen.findByTestId('export-qr-empty');
    expect(empty.textContent).toContain('There are no accounts to show.');
    expect(empty.textContent).toContain('2 accounts are left out');
    expect(screen.queryByTestId('export-qr-dialog')).toBeNull();
  });

  it('waits for the vault to be unlocked', async () => {
    await exportCard({}, LOCKED);
    expect((await screen.findByTestId('export-vault-closed')).textContent).toContain('unlock it to export');
    expect(screen.getByTestId<HTMLButtonElement>('export-qr').disabled).toBe(true);
  });
});
