import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import AddAccountPage from '../../pages/AddAccountPage.svelte';
import { chooseFile, fakeBackend, fakeFile } from '../../test/helpers';
import type { ImportPreview, PendingAccount, VaultStatus } from '../ipc';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const OPEN: VaultStatus = { exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true };
const pending = (pendingId: number, issuer: string, duplicate = false): PendingAccount => ({
  pendingId,
  duplicate,
  preview: { issuer, label: 'ada', kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null, warning: null },
});
const PREVIEW: ImportPreview = {
  format: 'aegis',
  encrypted: true,
  accounts: [pending(31, 'GitHub'), pending(32, 'GitLab', true), pending(33, 'AWS')],
};
const FILE_BYTES = [0x7b, 0x7d]; // "{}"

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const byId = (id: string): HTMLElement => screen.getByTestId(id);

async function importTab(handlers: Handlers): Promise<ReturnType<typeof vi.fn>> {
  fakeBackend(invokeMock, { vault_status: () => OPEN, ...handlers });
  const onimported = vi.fn();
  render(AddAccountPage, { onadded: vi.fn(), onimported });
  await fireEvent.click(await screen.findByTestId('add-tab-import'));
  return onimported;
}

describe('Import tab', () => {
  it('explains the formats it reads, and sends Google Authenticator to the Scan tab', async () => {
    await importTab({});
    const panel = byId('add-tab-import');
    expect(panel.getAttribute('aria-selected')).toBe('true');
    const page = byId('page-add').textContent;
    expect(page).toContain('Aegis');
    expect(page).toContain('2FAS');
    expect(page).toContain('otpauth:// links, one per line');
    expect(page).toContain('A Kairos backup');
    const format = screen.getByTestId<HTMLSelectElement>('import-format');
    expect(format.value).toBe('auto');
    expect(screen.getByLabelText('Format')).toBe(format);
    await fireEvent.click(byId('import-go-scan'));
    expect(byId('add-tab-scan').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(byId('add-tab-scan'));
  });

  it('asks for the password, shows a wrong one, then previews and imports the chosen accounts', async () => {
    const onimported = await importTab({
      import_preview: ({ password }) => {
        if (password === null) throw { code: 'backup.password_required', message: 'This file is encrypted.', hint: null };
        if (password !== 'correct horse') {
          throw { code: 'backup.wrong_password', message: 'Wrong password for this file.', hint: 'Check the keyboard layout.' };
        }
        return PREVIEW;
      },
      import_pending: () => ({ added: 1, skippedDuplicates: 0 }),
    });
    expect(screen.queryByTestId('import-password')).toBeNull();
    chooseFile(byId('import-file-input'), fakeFile('aegis-export.json', FILE_BYTES, 'application/json'));
    const password = await screen.findByTestId<HTMLInputElement>('import-password');
    expect(calls('import_preview')).toEqual([
      [
        'import_preview',
        { dataBase64: btoa('{}'), format: 'auto', password: null },
      ],
    ]);
    expect(password.type).toBe('password');
    expect(byId('import-file-name').textContent).toBe('aegis-export.json');
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(password);
    });

    // Nothing typed: asked for, not sent.
    await fireEvent.click(byId('import-unlock'));
    expect(byId('import-password-error').textContent).toContain('Type the password of the file.');
    expect(calls('import_preview')).toHaveLength(1);

    await fireEvent.input(password, { target: { value: 'wrong' } });
    await fireEvent.click(byId('import-unlock'));
    const error = await screen.findByTestId('import-password-error');
    expect(error.textContent).toContain('Wrong password for this file.');
    expect(error.textContent).toContain('Check the keyboard layout.');
    expect(error.dataset.errorCode).toBe('backup.wrong_password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(password.value).toBe('');

    await fireEvent.input(password, { target: { value: 'correct horse' } });
    expect(screen.queryByTestId('import-password-error')).toBeNull();
    await fireEvent.click(byId('import-unlock'));
    const preview = await screen.findByTestId('import-preview');
    expect(calls('import_preview').at(-1)?.[1]).toMatchObject({ password: 'correct horse', format: 'auto' });
    expect(preview.textContent).toContain('3 accounts in aegis-export.json');
    expect(byId('import-detected').textContent).toBe('Format: Aegis, encrypted.');
    expect(screen.queryByTestId('import-password')).toBeNull();

    const checks = within(preview).getAllByTestId<HTMLInputElement>('pending-check');
    expect(checks.map((c) => c.checked)).toEqual([true, false, true]);
    expect(within(preview).getByTestId('pending-duplicate').textContent).toContain('Already in Kairos');
    await fireEvent.click(checks[0] as HTMLInputElement);
    const confirm = byId('import-confirm');
    expect(confirm.textContent).toContain('Import 1 account');
    await fireEvent.click(confirm);
    expect(calls('import_pending')).toEqual([['import_pending', { ids: [33] }]]);
    await vi.waitFor(() => {
      expect(onimported).toHaveBeenCalledWith({ added: 1, skippedDuplicates: 0 });
    });
  });

  it('reads a plain file at once, with the format chosen', async () => {
    await importTab({
      import_preview: () => ({ format: 'uris', encrypted: false, accounts: [pending(1, 'GitHub')] }),
    });
    await fireEvent.change(byId('import-format'), { target: { value: 'uris' } });
    expect(calls('import_preview')).toEqual([]);
    chooseFile(byId('import-file-input'), fakeFile('links.txt', FILE_BYTES, 'text/plain'));
    await screen.findByTestId('import-preview');
    expect(calls('import_preview')[0]?.[1]).toMatchObject({ format: 'uris', password: null });
    expect(byId('import-detected').textContent).toBe('Format: otpauth:// links.');
    expect(screen.queryByTestId('import-password')).toBeNull();
  });

  it('shows a file it cannot read, with the line at fault', async () => {
    await importTab({
      import_preview: () => {
        throw { code: 'uri.secret_invalid', message: 'Line 3: the secret is not valid base32.', hint: null };
      },
    });
    chooseFile(byId('import-file-input'), fakeFile('links.txt', FILE_BYTES, 'text/plain'));
    const error = await screen.findByTestId('import-error');
    expect(error.dataset.errorCode).toBe('uri.secret_invalid');
    expect(error.textContent).toContain('Kairos could not read this file.');
    expect(error.textContent).toContain('Line 3: the secret is not valid base32.');
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(screen.queryByTestId('import-password')).toBeNull();
  });
});
