import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, CodesNow, CodeView, VaultStatus } from '../lib/ipc';
import { fakeBackend } from '../test/helpers';
import { timeView } from '../test/time';
import CodesPage from './CodesPage.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const OPEN: VaultStatus = { exists: true, unlocked: true, protection: 'password', keyringAvailable: true };

function account(id: number, issuer: string, label: string, extra: Partial<AccountView> = {}): AccountView {
  return {
    id,
    issuer,
    label,
    kind: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    pinned: false,
    color: null,
    warning: null,
    ...extra,
  };
}

const ACCOUNTS: AccountView[] = [
  account(1, 'GitHub', 'ada@example.com'),
  account(2, 'Société Générale', 'Éléonore', { digits: 8, color: '#aa3300' }),
  account(3, 'AWS', 'root', {
    pinned: true,
    algorithm: 'SHA256',
    warning: { code: 'otp.cognito_algorithm', message: 'Cognito accepts SHA-1 only', hint: 'Use SHA-1.' },
  }),
  account(4, 'Bank', 'ada', { kind: 'hotp', period: null, counter: 7 }),
];

function code(id: number, value: string, remaining: number | null, next: string | null = null): CodeView {
  return { id, code: value, remaining, period: remaining === null ? null : 30, next };
}

const CODES: CodesNow = {
  at: 1_700_000_012.2,
  codes: [code(1, '123456', 18), code(2, '12345678', 18), code(3, '654321', 3, '111222'), code(4, '', null)],
};

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

function backend(extra: Handlers = {}): Handlers {
  const handlers: Handlers = {
    vault_status: () => OPEN,
    list_accounts: () => ACCOUNTS,
    codes_now: () => CODES,
    copy_code: () => ({ clearAfterSeconds: 30 }),
    ...extra,
  };
  fakeBackend(invokeMock, handlers);
  return handlers;
}

const rows = (): HTMLElement[] => screen.queryAllByTestId('account-row');
const row = (id: number): HTMLElement => {
  const found = rows().find((r) => r.dataset.accountId === String(id));
  if (!found) throw new Error(`no row for account ${String(id)}`);
  return found;
};
const ids = (): number[] => rows().map((r) => Number(r.dataset.accountId));
const copyButton = (id: number): HTMLElement => within(row(id)).getByTestId('account-copy');
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);

async function renderPage(props: { highlight?: number | null; onhighlighted?: () => void } = {}): Promise<void> {
  render(CodesPage, { onnavigate: vi.fn(), ...props });
  await vi.waitFor(() => {
    expect(screen.getAllByTestId('account-code')[0]?.textContent).toMatch(/\d/);
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Codes page', () => {
  it('shows every account with its issuer, label, badge, grouped code and time left, pinned first', async () => {
    backend();
    await renderPage();
    // Pinned group first, then the others in the back end's order.
    expect(ids()).toEqual([3, 1, 2, 4]);
    expect(within(screen.getByTestId('codes-pinned')).getAllByTestId('account-row')).toHaveLength(1);
    expect(screen.getByTestId('page-codes').textContent).toContain('Pinned');

    const github = row(1);
    expect(within(github).getByTestId('account-issuer').textContent).toBe('GitHub');
    expect(within(github).getByTestId('account-label').textContent).toBe('ada@example.com');
    expect(within(github).getByTestId('account-code').textContent).toBe('123 456');
    expect(within(github).getByTestId('account-remaining').textContent).toBe('18');
    expect(within(github).getByTestId('account-badge').textContent).toBe('GH');
    expect(within(row(2)).getByTestId('account-code').textContent).toBe('1234 5678');
    // The account's own colour is a presentation attribute, not a style.
    expect(within(row(2)).getByTestId('account-badge').querySelector('rect')?.getAttribute('fill')).toBe('#aa3300');

    // The warning is shown as text, with its hint as a tooltip.
    const warning = within(row(3)).getByTestId('account-warning');
    expect(warning.textContent).toContain('Cognito accepts SHA-1 only');
    expect(warning.getAttribute('title')).toBe('Use SHA-1.');
    expect(within(row(1)).queryByTestId('account-warning')).toBeNull();

    // Nothing in the page uses a style attribute (strict CSP).
    expect(document.querySelector('[style]')).toBeNull();
  });

  it('shows the next code only when the back end gives one', async () => {
    backend();
    await renderPage();
    const next = within(row(3)).getByTestId('account-next-code');
    expect(next.textContent).toContain('111 222');
    expect(next.textContent).toContain('Next');
    expect(within(row(1)).queryByTestId('account-next-code')).toBeNull();
    expect(within(row(2)).queryByTestId('account-next-code')).toBeNull();
  });

  it('copies with Enter on a row and says when the clipboard clears', async () => {
    backend();
    await renderPage();
    const toast = screen.getByTestId('toast');
    expect(toast.getAttribute('role')).toBe('status');
    expect(toast.getAttribute('aria-live')).toBe('polite');

    const button = copyButton(1);
    button.focus();
    const notCancelled = await fireEvent.keyDown(button, { key: 'Enter' });
    // Handled once: the button's own click is not fired on top.
    expect(notCancelled).toBe(false);
    expect(calls('copy_code')).toEqual([['copy_code', { id: 1 }]]);
    await vi.waitFor(() => {
      expect(toast.textContent.replace(/\s+/g, ' ').trim()).toBe('Copied. The clipboard clears in 30 s.');
    });

    // Enter sent to the row element itself works the same.
    await fireEvent.keyDown(row(2), { key: 'Enter' });
    expect(calls('copy_code')).toEqual([
      ['copy_code', { id: 1 }],
      ['copy_code', { id: 2 }],
    ]);
    // But Enter on the row's Edit button opens the editor, it does not copy.
    await fireEvent.keyDown(within(row(2)).getByTestId('account-edit'), { key: 'Enter' });
    expect(calls('copy_code')).toHaveLength(2);
  });

  it('copies on click too, and says when the clipboard is never cleared', async () => {
    backend({ copy_code: () => ({ clearAfterSeconds: 0 }) });
    await renderPage();
    await fireEvent.click(copyButton(2));
    expect(calls('copy_code')).toEqual([['copy_code', { id: 2 }]]);
    await vi.waitFor(() => {
      expect(screen.getByTestId('toast').textContent).toContain('not cleared automatically');
    });
  });

  it('shows the back end’s error when copying fails', async () => {
    backend({
      copy_code: () => {
        throw { code: 'clipboard.unavailable', message: 'No clipboard.', hint: null };
      },
    });
    await renderPage();
    await fireEvent.click(copyButton(1));
    expect((await screen.findByTestId('error-code')).textContent).toBe('clipboard.unavailable');
  });

  it('filters as you type, ignoring case and accents; Escape clears', async () => {
    backend();
    await renderPage();
    const search = screen.getByTestId<HTMLInputElement>('codes-search');
    expect(screen.getByLabelText('Search accounts')).toBe(search);

    await fireEvent.input(search, { target: { value: 'societe' } });
    expect(ids()).toEqual([2]);
    await fireEvent.input(search, { target: { value: 'ÉLÉONORE' } });
    expect(ids()).toEqual([2]);
    await fireEvent.input(search, { target: { value: 'ada' } });
    expect(ids()).toEqual([1, 4]);
    await fireEvent.input(search, { target: { value: 'gitlab' } });
    expect(ids()).toEqual([]);
    expect(screen.getByTestId('codes-no-match').textContent).toContain('“gitlab”');

    await fireEvent.keyDown(search, { key: 'Escape' });
    expect(search.value).toBe('');
    expect(ids()).toEqual([3, 1, 2, 4]);
  });

  it('focuses the search with / and Ctrl+F', async () => {
    backend();
    await renderPage();
    const search = screen.getByTestId('codes-search');
    copyButton(1).focus();
    await fireEvent.keyDown(copyButton(1), { key: '/' });
    expect(document.activeElement).toBe(search);
    copyButton(1).focus();
    await fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(search);
  });

  it('moves between rows with the arrow keys, one tab stop for the list', async () => {
    backend();
    await renderPage();
    expect(copyButton(3).tabIndex).toBe(0);
    expect(copyButton(1).tabIndex).toBe(-1);
    copyButton(3).focus();
    await fireEvent.keyDown(copyButton(3), { key: 'ArrowDown' });
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(copyButton(1));
    });
    expect(copyButton(1).tabIndex).toBe(0);
    expect(copyButton(3).tabIndex).toBe(-1);
    await fireEvent.keyDown(copyButton(1), { key: 'End' });
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(copyButton(4));
    });
    await fireEvent.keyDown(copyButton(4), { key: 'ArrowUp' });
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(copyButton(2));
    });
  });

  it('gives HOTP rows a Next code button instead of a ring', async () => {
    backend({ next_hotp: ({ id }) => code(Number(id), '755224', null) });
    await renderPage();
    const bank = row(4);
    expect(within(bank).queryByTestId('account-remaining')).toBeNull();
    expect(within(row(1)).queryByTestId('hotp-next')).toBeNull();
    // No code yet: copying asks for one first.
    await fireEvent.click(copyButton(4));
    expect(calls('copy_code')).toEqual([]);
    await vi.waitFor(() => {
      expect(screen.getByTestId('toast').textContent).toContain('Next code');
    });

    const next = within(bank).getByTestId('hotp-next');
    expect(next.getAttribute('aria-label')).toBe('Next code for Bank (ada)');
    await fireEvent.click(next);
    expect(calls('next_hotp')).toEqual([['next_hotp', { id: 4 }]]);
    await vi.waitFor(() => {
      expect(within(row(4)).getByTestId('account-code').textContent).toBe('755 224');
    });
  });

  it('edits issuer, label and pin from the dialog', async () => {
    backend({
      rename_account: ({ id, issuer, label }) => ({ ...ACCOUNTS[0], id, issuer, label }),
      set_pinned: ({ pinned }) => ({ ...ACCOUNTS[0], issuer: 'GitHub Enterprise', label: 'ada', pinned }),
    });
    await renderPage();
    await fireEvent.click(within(row(1)).getByTestId('account-edit'));
    const dialog = screen.getByTestId('edit-dialog');
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    const issuer = within(dialog).getByTestId<HTMLInputElement>('edit-issuer');
    expect(issuer.value).toBe('GitHub');
    expect(document.activeElement).toBe(issuer);
    expect(within(dialog).getByLabelText('Service (issuer)')).toBe(issuer);

    await fireEvent.input(issuer, { target: { value: '  GitHub Enterprise ' } });
    await fireEvent.input(within(dialog).getByTestId('edit-label'), { target: { value: 'ada' } });
    await fireEvent.click(within(dialog).getByTestId('edit-pinned'));
    await fireEvent.click(within(dialog).getByTestId('edit-save'));

    await vi.waitFor(() => {
      expect(screen.queryByTestId('edit-dialog')).toBeNull();
    });
    expect(calls('rename_account')).toEqual([['rename_account', { id: 1, issuer: 'GitHub Enterprise', label: 'ada' }]]);
    expect(calls('set_pinned')).toEqual([['set_pinned', { id: 1, pinned: true }]]);
    expect(within(row(1)).getByTestId('account-issuer').textContent).toBe('GitHub Enterprise');
    // Pinned now: in the pinned group, which keeps the list's order.
    expect(ids()).toEqual([1, 3, 2, 4]);
    expect(within(screen.getByTestId('codes-pinned')).getAllByTestId('account-row')).toHaveLength(2);
  });

  it('refuses to save an account without any name, and Escape closes the dialog', async () => {
    backend();
    await renderPage();
    copyButton(1).focus();
    await fireEvent.keyDown(copyButton(1), { key: 'e' });
    const dialog = screen.getByTestId('edit-dialog');
    await fireEvent.input(within(dialog).getByTestId('edit-issuer'), { target: { value: ' ' } });
    await fireEvent.input(within(dialog).getByTestId('edit-label'), { target: { value: '' } });
    await fireEvent.click(within(dialog).getByTestId('edit-save'));
    expect(within(dialog).getByTestId('edit-name-error').textContent).toContain('Give the account');
    expect(calls('rename_account')).toEqual([]);

    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('edit-dialog')).toBeNull();
    // Focus goes back to the row.
    expect(document.activeElement).toBe(copyButton(1));
  });

  it('deletes after a confirmation that names the account (Delete key)', async () => {
    backend({ delete_account: () => null });
    await renderPage();
    copyButton(1).focus();
    await fireEvent.keyDown(copyButton(1), { key: 'Delete' });
    const dialog = screen.getByTestId('edit-dialog');
    expect(within(dialog).getByTestId('delete-title').textContent).toBe('Delete “GitHub (ada@example.com)”?');
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(dialog).getByTestId('delete-cancel'));
    expect(calls('delete_account')).toEqual([]);

    await fireEvent.click(within(dialog).getByTestId('delete-confirm'));
    expect(calls('delete_account')).toEqual([['delete_account', { id: 1 }]]);
    await vi.waitFor(() => {
      expect(ids()).toEqual([3, 2, 4]);
    });
    expect(screen.queryByTestId('edit-dialog')).toBeNull();
    await vi.waitFor(() => {
      expect(screen.getByTestId('toast').textContent).toContain('Deleted GitHub (ada@example.com).');
    });
    expect(document.activeElement).toBe(copyButton(2));
  });

  it('reaches the delete confirmation from the edit dialog, and can back out', async () => {
    backend();
    await renderPage();
    await fireEvent.click(within(row(2)).getByTestId('account-edit'));
    await fireEvent.click(screen.getByTestId('edit-delete'));
    expect(screen.getByTestId('delete-title').textContent).toContain('Société Générale (Éléonore)');
    await fireEvent.click(screen.getByTestId('delete-cancel'));
    expect(screen.getByTestId('edit-issuer')).toBeTruthy();
    expect(calls('delete_account')).toEqual([]);
  });

  it('reorders with Alt+arrow and with the dialog’s buttons, within a group', async () => {
    backend({ reorder_accounts: () => null });
    await renderPage();
    copyButton(1).focus();
    await fireEvent.keyDown(copyButton(1), { key: 'ArrowDown', altKey: true });
    await vi.waitFor(() => {
      expect(ids()).toEqual([3, 2, 1, 4]);
    });
    expect(calls('reorder_accounts')).toEqual([['reorder_accounts', { ids: [2, 1, 3, 4] }]]);
    expect(document.activeElement).toBe(copyButton(1));

    // The pinned account is alone in its group: it cannot move.
    await fireEvent.click(within(row(3)).getByTestId('account-edit'));
    expect(screen.getByTestId<HTMLButtonElement>('edit-move-up').disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('edit-move-down').disabled).toBe(true);
    await fireEvent.keyDown(screen.getByTestId('edit-dialog'), { key: 'Escape' });

    await fireEvent.click(within(row(1)).getByTestId('account-edit'));
    await fireEvent.click(screen.getByTestId('edit-move-up'));
    await vi.waitFor(() => {
      expect(ids()).toEqual([3, 1, 2, 4]);
    });
    expect(calls('reorder_accounts')[1]).toEqual(['reorder_accounts', { ids: [1, 2, 3, 4] }]);
  });

  it('puts the order back if the back end refuses it', async () => {
    backend({
      reorder_accounts: () => {
        throw { code: 'vault.account_not_found', message: 'No such account.', hint: null };
      },
    });
    await renderPage();
    copyButton(1).focus();
    await fireEvent.keyDown(copyButton(1), { key: 'ArrowDown', altKey: true });
    expect((await screen.findByTestId('error-code')).textContent).toBe('vault.account_not_found');
    expect(ids()).toEqual([3, 1, 2, 4]);
  });

  it('points out, focuses and announces an account just added', async () => {
    backend();
    const onhighlighted = vi.fn();
    await renderPage({ highlight: 2, onhighlighted });
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(copyButton(2));
    });
    expect(row(2).classList.contains('highlight')).toBe(true);
    expect(onhighlighted).toHaveBeenCalledOnce();
    await vi.waitFor(() => {
      expect(screen.getByTestId('toast').textContent).toContain('Added Société Générale (Éléonore).');
    });
  });

  it('shows the clock chip above the codes, which leads to the Time page', async () => {
    backend({ time_status: () => timeView({ offsetMs: 12.4 }) });
    const onnavigate = vi.fn();
    render(CodesPage, { onnavigate });
    const chip = await screen.findByTestId('clock-chip');
    expect(chip.textContent.trim()).toBe('Clock in sync (+12 ms · time.aws.com)');
    await screen.findAllByTestId('account-row');
    // Above the list: before the search box in document order.
    expect(chip.compareDocumentPosition(screen.getByTestId('codes-search')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await fireEvent.click(chip);
    expect(onnavigate).toHaveBeenCalledWith('time');
  });

  it('shows the clock chip with no accounts too', async () => {
    backend({ list_accounts: () => [], time_status: () => timeView() });
    render(CodesPage, { onnavigate: vi.fn() });
    expect((await screen.findByTestId('clock-chip')).textContent).toContain('codes corrected');
    expect(screen.getByTestId('empty-state')).toBeTruthy();
  });

  it('keeps the empty state when there are no accounts, and does not poll', async () => {
    backend({ list_accounts: () => [] });
    render(CodesPage, { onnavigate: vi.fn() });
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No accounts yet');
    expect(screen.getByTestId('codes-add-account')).toBeTruthy();
    expect(calls('codes_now')).toEqual([]);
  });

  it('asks for codes once a second with a single timer, and not while hidden', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    backend();
    await renderPage();
    const before = calls('codes_now').length;
    expect(before).toBe(1);
    // 1_700_000_012.2 → the next whole second is 0.8 s away.
    await vi.advanceTimersByTimeAsync(900);
    expect(calls('codes_now').length).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(900);
    expect(calls('codes_now').length).toBe(before + 2);

    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls('codes_now').length).toBe(before + 2);

    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(10);
    expect(calls('codes_now').length).toBe(before + 3);
  });

  it('shows the unlock prompt when the vault locked itself meanwhile', async () => {
    let locked = false;
    backend({
      vault_status: () => ({ ...OPEN, unlocked: !locked }),
      codes_now: () => {
        if (locked) throw { code: 'vault.locked', message: 'The vault is locked.', hint: null };
        return CODES;
      },
    });
    await renderPage();
    locked = true;
    await screen.findByTestId('vault-locked', {}, { timeout: 3000 });
    expect(screen.queryByTestId('account-row')).toBeNull();
  });

  it('pins and unpins from each row, pinned accounts first, with the state announced', async () => {
    backend({
      set_pinned: ({ id, pinned }) => ({ ...ACCOUNTS.find((a) => a.id === id), pinned }),
    });
    await renderPage();
    const pin = (id: number): HTMLElement => within(row(id)).getByTestId('account-pin');
    // A toggle button: its name stays, its pressed state says whether it is on.
    expect(pin(1).tagName).toBe('BUTTON');
    expect(pin(1).getAttribute('aria-label')).toBe('Pin GitHub (ada@example.com)');
    expect(pin(1).getAttribute('aria-pressed')).toBe('false');
    expect(pin(3).getAttribute('aria-pressed')).toBe('true');

    await fireEvent.click(pin(1));
    await vi.waitFor(() => {
      expect(ids()).toEqual([1, 3, 2, 4]);
    });
    expect(calls('set_pinned')).toEqual([['set_pinned', { id: 1, pinned: true }]]);
    expect(pin(1).getAttribute('aria-pressed')).toBe('true');
    expect(within(screen.getByTestId('codes-pinned')).getAllByTestId('account-row')).toHaveLength(2);
    // The row moved to the other group; the focus went with it.
    expect(document.activeElement).toBe(pin(1));
    await vi.waitFor(() => {
      expect(screen.getByTestId('toast').textContent).toContain('Pinned GitHub (ada@example.com)');
    });

    // P on a row toggles too: AWS leaves the pinned group for its place in the list.
    copyButton(3).focus();
    await fireEvent.keyDown(copyButton(3), { key: 'p' });
    await vi.waitFor(() => {
      expect(ids()).toEqual([1, 2, 3, 4]);
    });
    expect(calls('set_pinned')[1]).toEqual(['set_pinned', { id: 3, pinned: false }]);
    expect(pin(3).getAttribute('aria-pressed')).toBe('false');
    await vi.waitFor(() => {
      expect(screen.getByTestId('toast').textContent).toContain('Unpinned AWS (root)');
    });
  });

  it('keeps the list as it was when pinning fails, and says why', async () => {
    backend({
      set_pinned: () => {
        throw { code: 'vault.account_not_found', message: 'No such account.', hint: null };
      },
    });
    await renderPage();
    await fireEvent.click(within(row(2)).getByTestId('account-pin'));
    await screen.findByTestId('error-notice');
    expect(screen.getByTestId('error-message').textContent).toBe('No such account.');
    expect(ids()).toEqual([3, 1, 2, 4]);
    expect(within(row(2)).getByTestId('account-pin').getAttribute('aria-pressed')).toBe('false');
  });

  it('re-words the page when the language changes', async () => {
    backend();
    await renderPage();
    const { locale } = await import('../i18n');
    locale.set('fr');
    await tick();
    expect(screen.getByTestId('page-codes').textContent).toContain('Épinglés');
    expect(screen.getByPlaceholderText('Rechercher par service ou par compte')).toBeTruthy();
    expect(within(row(1)).getByTestId('account-pin').getAttribute('aria-label')).toBe(
      'Épingler GitHub (ada@example.com)',
    );
  });
});
