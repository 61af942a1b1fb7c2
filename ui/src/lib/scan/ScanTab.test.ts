import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import AddAccountPage from '../../pages/AddAccountPage.svelte';
import { chooseFile, fakeBackend, fakeFile } from '../../test/helpers';
import type { AccountPreview, MigrationProgress, PendingAccount, ScanResult, VaultStatus } from '../ipc';

vi.mock('@tauri-apps/api/core', async () => ({
  invoke: vi.fn(),
  Channel: (await import('../../test/helpers')).FakeChannel,
}));
const invokeMock = vi.mocked(invoke);

const OPEN: VaultStatus = { exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true };
const PREVIEW: AccountPreview = {
  issuer: 'AWS',
  label: 'alice',
  kind: 'totp',
  algorithm: 'SHA256',
  digits: 6,
  period: 30,
  counter: null,
  warning: { code: 'otp.cognito_algorithm', message: 'Cognito accepts SHA-1 only', hint: 'Ask for SHA-1.' },
};
const pending = (pendingId: number, issuer: string, duplicate = false): PendingAccount => ({
  pendingId,
  duplicate,
  preview: { ...PREVIEW, issuer, label: `${issuer.toLowerCase()}@example.com`, algorithm: 'SHA1', warning: null },
});
const single = (account: PendingAccount): ScanResult => ({
  source: 'image',
  payloads: [{ kind: 'otpauth', account }],
  migration: null,
});
const batch = (batchIndex: number, accounts: PendingAccount[], scanned: number[]): ScanResult => {
  const migration: MigrationProgress = { batchId: 77, batchSize: 2, scanned, complete: scanned.length === 2, accounts };
  return {
    source: 'image',
    payloads: [{ kind: 'migration', batchIndex, batchSize: 2, batchId: 77, accountCount: accounts.length }],
    migration,
  };
};

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const byId = (id: string): HTMLElement => screen.getByTestId(id);

async function renderScan(handlers: Handlers): Promise<ReturnType<typeof vi.fn>> {
  fakeBackend(invokeMock, { vault_status: () => OPEN, ...handlers });
  const onimported = vi.fn();
  render(AddAccountPage, { onadded: vi.fn(), onimported });
  await screen.findByTestId('scan-dropzone');
  return onimported;
}

async function scanImage(name = 'qr.png'): Promise<void> {
  chooseFile(byId('scan-file-input'), fakeFile(name));
  await vi.waitFor(() => {
    expect(calls('scan_image').length).toBeGreaterThan(0);
  });
}

describe('Scan tab: an image', () => {
  it('is the first tab, and starts on the image source', async () => {
    await renderScan({});
    const tabs = screen.getAllByRole('tab').map((tab) => tab.dataset.testid);
    expect(tabs).toEqual(['add-tab-scan', 'add-tab-uri', 'add-tab-manual', 'add-tab-import']);
    expect(byId('add-tab-scan').getAttribute('aria-selected')).toBe('true');
    expect((byId('scan-source-image') as HTMLInputElement).checked).toBe(true);
    const input = byId('scan-file-input') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('image/png,image/jpeg,image/webp,image/gif');
  });

  it('sends the image’s bytes, shows the account, and saves it by its pendingId', async () => {
    const onimported = await renderScan({
      scan_image: () => single({ pendingId: 7, preview: PREVIEW, duplicate: false }),
      import_pending: () => ({ added: 1, skippedDuplicates: 0 }),
    });
    await scanImage('capture d’écran.png');
    const [, body, options] = calls('scan_image')[0] ?? [];
    expect(body).toBeInstanceOf(Uint8Array);
    expect([...(body as Uint8Array)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // Headers carry Latin-1 only: the name is percent-encoded.
    expect(options).toEqual({ headers: { 'x-file-name': encodeURIComponent('capture d’écran.png') } });

    const card = await screen.findByTestId('scan-card');
    expect(within(card).getByTestId('scan-card-issuer').textContent).toBe('AWS');
    expect(within(card).getByTestId('scan-card-label').textContent).toBe('alice');
    expect(within(card).getByTestId('scan-card-algorithm').textContent).toBe('SHA-256');
    expect(within(card).getByTestId('scan-card-digits').textContent).toBe('6');
    expect(within(card).getByTestId('scan-card-period').textContent).toBe('30\u00a0s');
    expect(within(card).getByTestId('scan-card-warning').textContent).toContain('Cognito accepts SHA-1 only');
    expect(within(card).queryByTestId('scan-duplicate')).toBeNull();
    expect(calls('import_pending')).toEqual([]);

    await fireEvent.click(within(card).getByTestId('scan-save'));
    expect(calls('import_pending')).toEqual([['import_pending', { ids: [7] }]]);
    await vi.waitFor(() => {
      expect(onimported).toHaveBeenCalledWith({ added: 1, skippedDuplicates: 0 });
    });
  });

  it('takes an image dropped on the zone', async () => {
    await renderScan({ scan_image: () => single(pending(3, 'GitHub')) });
    const zone = byId('scan-dropzone');
    await fireEvent.dragOver(zone, { dataTransfer: { types: ['Files'], files: [] } });
    expect(zone.classList.contains('over')).toBe(true);
    await fireEvent.drop(zone, { dataTransfer: { types: ['Files'], files: [fakeFile('drop.png')] } });
    await screen.findByTestId('scan-card');
    expect(calls('scan_image')[0]?.[2]).toEqual({ headers: { 'x-file-name': 'drop.png' } });
    expect(zone.classList.contains('over')).toBe(false);
  });

  it('flags an account already in the vault and does not offer to save it', async () => {
    await renderScan({ scan_image: () => single(pending(4, 'GitHub', true)) });
    await scanImage();
    const card = await screen.findByTestId('scan-card');
    expect(within(card).getByTestId('scan-duplicate').textContent).toContain('Already in Kairos');
    expect(within(card).getByTestId<HTMLButtonElement>('scan-save').disabled).toBe(true);
  });

  it('says when a QR code is not an account, or a broken one', async () => {
    const invalid = { code: 'uri.secret_invalid', message: 'The secret is not valid base32.', hint: 'Scan it again.' };
    await renderScan({
      scan_image: () => ({
        source: 'image',
        payloads: [
          { kind: 'other', text: 'https://example.com/menu' },
          { kind: 'invalid', error: invalid },
        ],
        migration: null,
      }),
    });
    await scanImage();
    const other = await screen.findByTestId('scan-other');
    expect(other.textContent).toContain('This QR code is not a one-time code account.');
    expect(within(other).getByTestId('scan-other-text').textContent).toBe('https://example.com/menu');
    const notice = within(byId('scan-invalid')).getByTestId('error-notice');
    expect(notice.textContent).toContain('The secret is not valid base32.');
    expect(within(notice).getByTestId('error-code').textContent).toBe('uri.secret_invalid');
    expect(screen.queryByTestId('scan-card')).toBeNull();
  });

  it('shows why an image could not be read', async () => {
    await renderScan({
      scan_image: () => {
        throw { code: 'qr.not_found', message: 'No QR code in this image.', hint: 'Crop it closer.' };
      },
    });
    await scanImage();
    const error = await screen.findByTestId('scan-error');
    expect(error.dataset.errorCode).toBe('qr.not_found');
    expect(error.textContent).toContain('No QR code in this image.');
    expect(error.textContent).toContain('Crop it closer.');
  });

  it('lets several accounts from one picture be chosen', async () => {
    await renderScan({
      scan_image: () => ({
        source: 'image',
        payloads: [
          { kind: 'otpauth', account: pending(1, 'GitHub') },
          { kind: 'otpauth', account: pending(2, 'GitLab', true) },
          { kind: 'otpauth', account: pending(3, 'AWS') },
        ],
        migration: null,
      }),
      import_pending: () => ({ added: 2, skippedDuplicates: 0 }),
    });
    await scanImage();
    const list = await screen.findByTestId('scan-accounts');
    const checks = within(list).getAllByTestId<HTMLInputElement>('pending-check');
    expect(checks.map((c) => c.checked)).toEqual([true, false, true]);
    expect(checks[1]?.disabled).toBe(true);
    await fireEvent.click(checks[2] as HTMLInputElement);
    expect(within(list).getByTestId('scan-import-found').textContent).toContain('Import 1 account');
    await fireEvent.click(within(list).getByTestId('scan-import-found'));
    expect(calls('import_pending')).toEqual([['import_pending', { ids: [1] }]]);
  });
});

describe('Scan tab: a Google Authenticator export', () => {
  it('collects the codes one by one, then imports them in one go', async () => {
    const first = [pending(11, 'GitHub'), pending(12, 'GitLab', true)];
    const all = [...first, pending(13, 'AWS'), pending(14, 'Proton')];
    let step = 0;
    const onimported = await renderScan({
      scan_image: () => {
        step += 1;
        return step === 1 ? batch(1, first, [1]) : batch(0, all, [1, 0]);
      },
      import_pending: () => ({ added: 3, skippedDuplicates: 0 }),
    });
    await scanImage('second.png');
    const panel = await screen.findByTestId('scan-migration-progress');
    expect(within(panel).getByTestId('scan-migration-status').textContent).toBe(
      'Google Authenticator export: 1 of 2 codes scanned',
    );
    expect(within(panel).getByTestId('scan-migration-missing').textContent).toContain('Still to scan: code 1.');
    const rows = within(panel).getAllByTestId('pending-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[1] as HTMLElement).getByTestId('pending-duplicate').textContent).toBe(
      'Already in Kairos — will be skipped',
    );
    const importButton = within(panel).getByTestId<HTMLButtonElement>('scan-import');
    expect(importButton.disabled).toBe(true);
    expect(within(panel).getByTestId('scan-import-partial')).toBeTruthy();
    // Nothing saved yet.
    expect(calls('import_pending')).toEqual([]);

    // Uncheck GitHub by hand: the choice survives the next code.
    await fireEvent.click(within(rows[0] as HTMLElement).getByTestId('pending-check'));

    await scanImage('first.png');
    await vi.waitFor(() => {
      expect(within(panel).getByTestId('scan-migration-status').textContent).toBe(
        'Google Authenticator export: all 2 codes scanned',
      );
    });
    expect(within(panel).queryByTestId('scan-migration-missing')).toBeNull();
    expect(within(panel).queryByTestId('scan-import-partial')).toBeNull();
    const checks = within(panel).getAllByTestId<HTMLInputElement>('pending-check');
    expect(checks.map((c) => c.checked)).toEqual([false, false, true, true]);
    expect(importButton.disabled).toBe(false);
    expect(importButton.textContent).toContain('Import 2 accounts');
    await fireEvent.click(checks[0] as HTMLInputElement);
    expect(importButton.textContent).toContain('Import 3 accounts');
    await fireEvent.click(importButton);
    expect(calls('import_pending')).toEqual([['import_pending', { ids: [11, 13, 14] }]]);
    await vi.waitFor(() => {
      expect(onimported).toHaveBeenCalledWith({ added: 3, skippedDuplicates: 0 });
    });
  });

  it('imports what is there only after a confirmation', async () => {
    await renderScan({
      scan_image: () => batch(0, [pending(21, 'GitHub')], [0]),
      import_pending: () => ({ added: 1, skippedDuplicates: 0 }),
    });
    await scanImage();
    await fireEvent.click(await screen.findByTestId('scan-import-partial'));
    const dialog = byId('scan-partial-dialog');
    expect(dialog.textContent).toContain('Only 1 of 2 codes was scanned');
    expect(calls('import_pending')).toEqual([]);
    await fireEvent.click(within(dialog).getByText('Keep scanning'));
    expect(screen.queryByTestId('scan-partial-dialog')).toBeNull();
    expect(calls('import_pending')).toEqual([]);

    await fireEvent.click(byId('scan-import-partial'));
    await fireEvent.click(byId('scan-import-partial-confirm'));
    expect(calls('import_pending')).toEqual([['import_pending', { ids: [21] }]]);
  });

  it('starts over: the back end forgets the partial set', async () => {
    await renderScan({ scan_image: () => batch(0, [pending(21, 'GitHub')], [0]), scan_reset: () => null });
    await scanImage();
    await fireEvent.click(await screen.findByTestId('scan-reset'));
    expect(calls('scan_reset')).toHaveLength(1);
    expect(screen.queryByTestId('scan-migration-progress')).toBeNull();
  });

  it('shows why the import failed and keeps the set', async () => {
    await renderScan({
      scan_image: () => batch(0, [pending(21, 'GitHub'), pending(22, 'AWS')], [0, 1]),
      import_pending: () => {
        throw { code: 'import.unknown_pending', message: 'These accounts are no longer waiting.', hint: 'Scan again.' };
      },
    });
    await scanImage();
    await fireEvent.click(await screen.findByTestId('scan-import'));
    const error = await screen.findByTestId('scan-import-error');
    expect(error.textContent).toContain('These accounts are no longer waiting.');
    expect(byId('scan-migration-progress')).toBeTruthy();
  });
});

describe('Scan tab: screen and clipboard', () => {
  it('scans the screen once, saying it keeps no image', async () => {
    await renderScan({
      screen_windows: () => ({ backend: 'x11', windows: [] }),
      scan_screen: () => single(pending(5, 'GitHub')),
    });
    await fireEvent.click(byId('scan-source-screen'));
    expect(screen.getByTestId('page-add').textContent).toContain('keeps no image');
    await fireEvent.click(byId('scan-screen'));
    await screen.findByTestId('scan-card');
    expect(calls('scan_screen')).toHaveLength(1);
  });

  it('pastes with the button, and with Ctrl+V anywhere on the tab (once)', async () => {
    await renderScan({
      scan_clipboard: () => {
        throw { code: 'capture.clipboard_empty', message: 'The clipboard holds no image.', hint: null };
      },
    });
    await fireEvent.click(byId('scan-source-clipboard'));
    await fireEvent.click(byId('scan-clipboard'));
    expect((await screen.findByTestId('scan-error')).dataset.errorCode).toBe('capture.clipboard_empty');
    expect(calls('scan_clipboard')).toHaveLength(1);

    // Ctrl+V gives a keydown and a paste event: one scan.
    await fireEvent.keyDown(document.body, { key: 'v', ctrlKey: true });
    await fireEvent.paste(document.body);
    await vi.waitFor(() => {
      expect(calls('scan_clipboard')).toHaveLength(2);
    });
  });

  it('leaves Ctrl+V alone in text fields and on other tabs', async () => {
    await renderScan({ scan_clipboard: () => single(pending(5, 'GitHub')) });
    await fireEvent.click(byId('add-tab-uri'));
    await fireEvent.keyDown(document.body, { key: 'v', ctrlKey: true });
    await fireEvent.paste(byId('add-uri'));
    expect(calls('scan_clipboard')).toEqual([]);
  });
});

describe('Scan, import, then Codes', () => {
  it('goes to Codes and says what was added and skipped', async () => {
    fakeBackend(invokeMock, {
      app_info: () => ({ version: '1', dataDir: 'd', logDir: 'l', locale: 'en' }),
      vault_status: () => OPEN,
      list_accounts: () => [],
      codes_now: () => ({ at: 1_700_000_000.5, codes: [] }),
      scan_image: () => batch(0, [pending(1, 'GitHub'), pending(2, 'AWS')], [0, 1]),
      import_pending: () => ({ added: 2, skippedDuplicates: 1 }),
      scan_reset: () => null,
    });
    render(App);
    await fireEvent.click(screen.getByTestId('nav-add'));
    await screen.findByTestId('scan-dropzone');
    await scanImage();
    await fireEvent.click(await screen.findByTestId('scan-import'));
    await screen.findByTestId('page-codes');
    const summary = await screen.findByTestId('import-summary');
    expect(summary.textContent).toContain('2 accounts added.');
    expect(summary.textContent).toContain('1 duplicate skipped');
    // Leaving the Add page forgets whatever was still pending.
    expect(calls('scan_reset')).toHaveLength(1);
    // Moving on hides the summary.
    await fireEvent.click(screen.getByTestId('nav-time'));
    expect(screen.queryByTestId('import-summary')).toBeNull();
  });
});
