import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import type { AccountPreview, AccountView, VaultStatus } from '../lib/ipc';
import { fakeBackend } from '../test/helpers';
import AddAccountPage from './AddAccountPage.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const OPEN: VaultStatus = { exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true };
const URI = 'otpauth://totp/AWS:alice?secret=JBSWY3DPEHPK3PXP&issuer=AWS&algorithm=SHA256';
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
const ADDED: AccountView = {
  ...PREVIEW,
  id: 42,
  pinned: false,
  color: null,
};
const SECRET_INVALID = {
  code: 'uri.secret_invalid',
  message: 'The secret is not valid base32.',
  hint: 'Copy the link again.',
};

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

function backend(extra: Handlers = {}): void {
  fakeBackend(invokeMock, { vault_status: () => OPEN, ...extra });
}

const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const field = (id: string): HTMLInputElement => screen.getByTestId(id);

async function renderPage(onadded = vi.fn()): Promise<typeof onadded> {
  render(AddAccountPage, { onadded, onimported: vi.fn() });
  await screen.findByTestId('add-uri');
  return onadded;
}

describe('Add account: paste a link', () => {
  it('keeps the explanation as the intro, and starts on the scan tab', async () => {
    backend();
    await renderPage();
    expect(screen.getByTestId('empty-state').textContent).toContain('otpauth://');
    expect(screen.getByTestId('add-tab-scan').getAttribute('aria-selected')).toBe('true');
    expect(field('add-uri').closest('[role="tabpanel"]')?.hasAttribute('hidden')).toBe(true);
    await fireEvent.click(field('add-tab-uri'));
    expect(screen.getByTestId('add-tab-uri').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByLabelText('otpauth:// link')).toBe(field('add-uri'));
  });

  it('shows what the link holds, then adds it and forgets the link', async () => {
    backend({ preview_uri: () => PREVIEW, add_account_uri: () => ADDED });
    const onadded = await renderPage();
    await fireEvent.input(field('add-uri'), { target: { value: `  ${URI} ` } });
    await fireEvent.click(field('add-uri-preview'));
    expect(calls('preview_uri')).toEqual([['preview_uri', { uri: URI }]]);

    const card = await screen.findByTestId('add-uri-card');
    expect(within(card).getByTestId('add-uri-issuer').textContent).toBe('AWS');
    expect(within(card).getByTestId('add-uri-label').textContent).toBe('alice');
    expect(within(card).getByTestId('add-uri-kind').textContent).toBe('Time-based (TOTP)');
    expect(within(card).getByTestId('add-uri-algorithm').textContent).toBe('SHA-256');
    expect(within(card).getByTestId('add-uri-digits').textContent).toBe('6');
    expect(within(card).getByTestId('add-uri-period').textContent).toBe('30\u00a0s');
    expect(within(card).queryByTestId('add-uri-counter')).toBeNull();
    expect(within(card).getByTestId('add-uri-warning').textContent).toContain('Cognito accepts SHA-1 only');
    // Never the secret.
    expect(card.textContent).not.toContain('JBSWY3DPEHPK3PXP');
    expect(calls('add_account_uri')).toEqual([]);

    await fireEvent.click(within(card).getByTestId('add-uri-save'));
    expect(calls('add_account_uri')).toEqual([['add_account_uri', { uri: URI }]]);
    await vi.waitFor(() => {
      expect(onadded).toHaveBeenCalledWith(ADDED);
    });
    expect(field('add-uri').value).toBe('');
    expect(screen.queryByTestId('add-uri-card')).toBeNull();
  });

  it('shows a counter, not a period, for HOTP', async () => {
    backend({ preview_uri: () => ({ ...PREVIEW, kind: 'hotp', period: null, counter: 3, warning: null }) });
    await renderPage();
    await fireEvent.input(field('add-uri'), { target: { value: URI } });
    await fireEvent.click(field('add-uri-preview'));
    const card = await screen.findByTestId('add-uri-card');
    expect(within(card).getByTestId('add-uri-counter').textContent).toBe('3');
    expect(within(card).queryByTestId('add-uri-period')).toBeNull();
    expect(within(card).getByTestId('add-uri-kind').textContent).toBe('Counter-based (HOTP)');
  });

  it('puts uri.secret_invalid under the link field', async () => {
    backend({
      preview_uri: () => {
        throw SECRET_INVALID;
      },
    });
    await renderPage();
    const uri = field('add-uri');
    await fireEvent.input(uri, { target: { value: 'otpauth://totp/x?secret=0000' } });
    await fireEvent.click(field('add-uri-preview'));
    const error = await screen.findByTestId('add-uri-error');
    expect(error.textContent).toContain('The secret is not valid base32.');
    expect(error.textContent).toContain('Copy the link again.');
    expect(error.dataset.errorCode).toBe('uri.secret_invalid');
    expect(uri.getAttribute('aria-invalid')).toBe('true');
    expect(uri.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    // Not a page-level notice, and no card.
    expect(screen.queryByTestId('error-notice')).toBeNull();
    expect(screen.queryByTestId('add-uri-card')).toBeNull();
    // Typing again clears it.
    await fireEvent.input(uri, { target: { value: 'otpauth://totp/x?secret=ABCD' } });
    expect(screen.queryByTestId('add-uri-error')).toBeNull();
    expect(uri.getAttribute('aria-invalid')).toBe('false');
  });

  it('asks for a link before checking, and shows other errors in a notice', async () => {
    backend({
      preview_uri: () => {
        throw { code: 'vault.corrupt', message: 'The vault is damaged.', hint: null };
      },
    });
    await renderPage();
    await fireEvent.click(field('add-uri-preview'));
    expect(screen.getByTestId('add-uri-error').textContent).toContain('Paste an otpauth:// link first.');
    expect(calls('preview_uri')).toEqual([]);

    await fireEvent.input(field('add-uri'), { target: { value: URI } });
    await fireEvent.click(field('add-uri-preview'));
    expect((await screen.findByTestId('error-code')).textContent).toBe('vault.corrupt');
    expect(screen.queryByTestId('add-uri-error')).toBeNull();
  });

  it('drops the preview when the link changes', async () => {
    backend({ preview_uri: () => PREVIEW });
    await renderPage();
    await fireEvent.input(field('add-uri'), { target: { value: URI } });
    await fireEvent.keyDown(field('add-uri'), { key: 'Enter' });
    await screen.findByTestId('add-uri-card');
    await fireEvent.input(field('add-uri'), { target: { value: `${URI}&digits=8` } });
    expect(screen.queryByTestId('add-uri-card')).toBeNull();
  });
});

describe('Add account: enter manually', () => {
  async function manualTab(onadded = vi.fn()): Promise<typeof onadded> {
    await renderPage(onadded);
    await fireEvent.click(field('add-tab-manual'));
    expect(field('add-tab-manual').getAttribute('aria-selected')).toBe('true');
    return onadded;
  }

  it('switches tabs with the arrow keys', async () => {
    backend();
    await renderPage();
    field('add-tab-uri').focus();
    await fireEvent.keyDown(field('add-tab-uri'), { key: 'ArrowRight' });
    expect(field('add-tab-manual').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(field('add-tab-manual'));
    expect(field('add-uri').closest('[role="tabpanel"]')?.hasAttribute('hidden')).toBe(true);
  });

  it('labels every field and hides the secret until asked', async () => {
    backend();
    await manualTab();
    expect(screen.getByLabelText('Service (issuer)')).toBe(field('manual-issuer'));
    expect(screen.getByLabelText('Account name')).toBe(field('manual-label'));
    const secret = field('manual-secret');
    expect(screen.getByLabelText('Setup key')).toBe(secret);
    expect(secret.type).toBe('password');
    const toggle = field('manual-secret-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(toggle);
    expect(secret.type).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    // Advanced options start collapsed.
    expect(field('manual-advanced').closest('details')?.open).toBe(false);
  });

  it('checks the form before sending anything', async () => {
    backend();
    await manualTab();
    await fireEvent.click(field('manual-save'));
    expect(screen.getByTestId('manual-secret-error').textContent).toContain('Type the setup key.');
    expect(screen.getByTestId('manual-label-error').textContent).toContain('Give the account a service');
    expect(field('manual-secret').getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the first field in trouble.
    expect(document.activeElement).toBe(field('manual-label'));

    await fireEvent.input(field('manual-issuer'), { target: { value: 'GitHub' } });
    expect(screen.queryByTestId('manual-label-error')).toBeNull();
    await fireEvent.input(field('manual-secret'), { target: { value: 'JBSW Y3DP 0H1K' } });
    expect(screen.getByTestId('manual-secret-error').textContent).toContain('letters A to Z and the digits 2 to 7');

    await fireEvent.input(field('manual-secret'), { target: { value: 'jbsw y3dp ehpk 3pxp' } });
    expect(screen.queryByTestId('manual-secret-error')).toBeNull();

    await fireEvent.input(field('manual-digits'), { target: { value: '5' } });
    await fireEvent.input(field('manual-period'), { target: { value: '0' } });
    await fireEvent.click(field('manual-save'));
    expect(screen.getByTestId('manual-digits-error').textContent).toContain('from 6 to 10');
    expect(screen.getByTestId('manual-period-error').textContent).toContain('1 or more');
    expect(field('manual-advanced').closest('details')?.open).toBe(true);
    expect(document.activeElement).toBe(field('manual-digits'));
    expect(calls('add_account_manual')).toEqual([]);
  });

  it('sends the draft, then clears the form, secret included', async () => {
    backend({ add_account_manual: () => ADDED });
    const onadded = await manualTab();
    await fireEvent.input(field('manual-issuer'), { target: { value: ' AWS ' } });
    await fireEvent.input(field('manual-label'), { target: { value: 'alice' } });
    await fireEvent.input(field('manual-secret'), { target: { value: 'JBSW Y3DP EHPK 3PXP' } });
    await fireEvent.click(field('manual-advanced'));
    await fireEvent.change(field('manual-algorithm'), { target: { value: 'SHA256' } });
    await fireEvent.input(field('manual-digits'), { target: { value: '8' } });
    await fireEvent.click(field('manual-save'));
    expect(calls('add_account_manual')).toEqual([
      [
        'add_account_manual',
        {
          draft: {
            issuer: 'AWS',
            label: 'alice',
            secret: 'JBSW Y3DP EHPK 3PXP',
            kind: 'totp',
            algorithm: 'SHA256',
            digits: 8,
            period: 30,
            counter: 0,
          },
        },
      ],
    ]);
    await vi.waitFor(() => {
      expect(onadded).toHaveBeenCalledWith(ADDED);
    });
    expect(field('manual-secret').value).toBe('');
    expect(field('manual-issuer').value).toBe('');
    expect(field('manual-secret').type).toBe('password');
  });

  it('sends an HOTP counter, and Steam’s fixed parameters', async () => {
    backend({ add_account_manual: () => ADDED });
    await manualTab();
    await fireEvent.input(field('manual-label'), { target: { value: 'bank' } });
    await fireEvent.input(field('manual-secret'), { target: { value: 'MZXW6YTBOI' } });
    await fireEvent.change(field('manual-kind'), { target: { value: 'hotp' } });
    expect(screen.queryByTestId('manual-period')).toBeNull();
    await fireEvent.input(field('manual-counter'), { target: { value: '12' } });
    await fireEvent.click(field('manual-save'));
    expect(calls('add_account_manual')[0]?.[1]).toMatchObject({ draft: { kind: 'hotp', counter: 12, digits: 6 } });

    await fireEvent.input(field('manual-label'), { target: { value: 'steam' } });
    await fireEvent.input(field('manual-secret'), { target: { value: 'MZXW6YTBOI' } });
    await fireEvent.change(field('manual-kind'), { target: { value: 'steam' } });
    expect(field('manual-digits').disabled).toBe(true);
    expect(field('manual-algorithm').disabled).toBe(true);
    await fireEvent.click(field('manual-save'));
    expect(calls('add_account_manual')[1]?.[1]).toMatchObject({
      draft: { kind: 'steam', digits: 5, algorithm: 'SHA1', period: 30 },
    });
  });

  it('puts the back end’s errors on the field they concern', async () => {
    let error: unknown = SECRET_INVALID;
    backend({
      add_account_manual: () => {
        throw error;
      },
    });
    await manualTab();
    await fireEvent.input(field('manual-label'), { target: { value: 'x' } });
    await fireEvent.input(field('manual-secret'), { target: { value: 'ABCD' } });
    await fireEvent.click(field('manual-save'));
    const secretError = await screen.findByTestId('manual-secret-error');
    expect(secretError.textContent).toContain('The secret is not valid base32.');
    expect(secretError.textContent).toContain('Copy the link again.');
    // The typed secret stays, so it can be corrected.
    expect(field('manual-secret').value).toBe('ABCD');

    error = { code: 'uri.digits', message: 'Digits must be 6 to 10.', hint: null };
    await fireEvent.input(field('manual-secret'), { target: { value: 'ABCDEFGH' } });
    await fireEvent.click(field('manual-save'));
    expect((await screen.findByTestId('manual-digits-error')).textContent).toContain('Digits must be 6 to 10.');
    expect(field('manual-advanced').closest('details')?.open).toBe(true);
    expect(screen.queryByTestId('error-notice')).toBeNull();
  });
});

describe('Add account, then Codes', () => {
  it('goes to Codes and points out the new account', async () => {
    let accounts: AccountView[] = [];
    fakeBackend(invokeMock, {
      app_info: () => ({ version: '1', dataDir: 'd', logDir: 'l', locale: 'en' }),
      vault_status: () => OPEN,
      list_accounts: () => accounts,
      codes_now: () => ({ at: 1_700_000_000.5, codes: accounts.map((a) => ({ id: a.id, code: '123456', remaining: 20, period: 30, next: null })) }),
      preview_uri: () => PREVIEW,
      add_account_uri: () => {
        accounts = [ADDED];
        return ADDED;
      },
    });
    render(App);
    await fireEvent.click(screen.getByTestId('nav-add'));
    await fireEvent.input(await screen.findByTestId('add-uri'), { target: { value: URI } });
    await fireEvent.click(screen.getByTestId('add-uri-preview'));
    await fireEvent.click(await screen.findByTestId('add-uri-save'));
    await screen.findByTestId('page-codes');
    expect(screen.getByTestId('nav-codes').getAttribute('aria-current')).toBe('page');
    const row = await screen.findByTestId('account-row');
    expect(row.dataset.accountId).toBe('42');
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(within(row).getByTestId('account-copy'));
    });
    expect(row.classList.contains('highlight')).toBe(true);
  });
});
