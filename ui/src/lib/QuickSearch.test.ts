import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n';
import { fakeBackend } from '../test/helpers';
import { OPEN_PALETTE_EVENT } from './events';
import type { AccountView, CodeView } from './ipc';
import QuickSearch from './QuickSearch.svelte';
import { vault } from './vault.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(() => Promise.resolve(() => undefined)) }));
const invokeMock = vi.mocked(invoke);
const listenMock = vi.mocked(listen);

function accountView(id: number, issuer: string, label: string, extra: Partial<AccountView> = {}): AccountView {
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

const ACCOUNTS = [
  accountView(1, 'Example Bank', 'alice'),
  accountView(2, 'GitHub', 'octo'),
  accountView(3, 'Société Générale', 'éléonore'),
  accountView(4, 'Lab VPN', 'eve', { kind: 'hotp', period: null, counter: 3 }),
];
const CODES: CodeView[] = [
  { id: 1, code: '111111', remaining: 20, period: 30, next: null },
  { id: 2, code: '222222', remaining: 20, period: 30, next: null },
  { id: 3, code: '333333', remaining: 20, period: 30, next: null },
  { id: 4, code: '', remaining: null, period: null, next: null },
];

function openVault(): void {
  vault.set({ exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true });
}

function backend(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const copy = vi.fn((_args: Record<string, unknown>) => ({ clearAfterSeconds: 30 }));
  fakeBackend(invokeMock, {
    list_accounts: () => ACCOUNTS,
    codes_now: () => ({ at: 1_700_000_000.5, codes: CODES }),
    copy_code: copy,
    ...extra,
  });
  return copy;
}

const ctrlK = (): Promise<boolean> => fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
const input = (): HTMLInputElement => screen.getByTestId('palette-input');
const options = (): HTMLElement[] => screen.queryAllByTestId('palette-option');
const names = (): string[] => screen.queryAllByTestId('palette-issuer').map((el) => el.textContent.trim());

async function openWithCtrlK(): Promise<void> {
  await ctrlK();
  await screen.findAllByTestId('palette-option');
}

describe('quick-search palette', () => {
  it('opens on Ctrl+K as a dialog with a combobox over a listbox, focus in the field', async () => {
    openVault();
    backend();
    render(QuickSearch, { onnavigate: vi.fn() });
    expect(screen.queryByTestId('palette')).toBeNull();
    await openWithCtrlK();

    const dialog = screen.getByRole('dialog', { name: 'Quick search' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(input());
    expect(input().getAttribute('role')).toBe('combobox');
    const listbox = screen.getByRole('listbox', { name: 'Accounts' });
    expect(input().getAttribute('aria-controls')).toBe(listbox.id);
    expect(names()).toEqual(['Example Bank', 'GitHub', 'Société Générale', 'Lab VPN']);
    // The first option is the current one, announced through aria-activedescendant.
    const first = options()[0];
    expect(first?.getAttribute('role')).toBe('option');
    expect(first?.getAttribute('aria-selected')).toBe('true');
    expect(input().getAttribute('aria-activedescendant')).toBe(first?.id);
    // Codes are shown beside the names, grouped.
    expect(await screen.findByText('222 222')).toBeTruthy();
  });

  it('filters as you type, ignoring accents, with letters left out', async () => {
    openVault();
    backend();
    render(QuickSearch, { onnavigate: vi.fn() });
    await openWithCtrlK();
    await fireEvent.input(input(), { target: { value: 'generale ELEO' } });
    expect(names()).toEqual(['Société Générale']);
    await fireEvent.input(input(), { target: { value: 'gthb' } });
    expect(names()).toEqual(['GitHub']);
    await fireEvent.input(input(), { target: { value: 'nothing-like-this' } });
    expect(options()).toEqual([]);
    expect(screen.getByTestId('palette-no-match').textContent).toContain('“nothing-like-this”');
    expect(input().hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('arrows move the current option; Enter copies its code through the back end, closes and says so', async () => {
    openVault();
    const copy = backend();
    render(QuickSearch, { onnavigate: vi.fn() });
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    await openWithCtrlK();
    await screen.findByText('222 222');

    await fireEvent.keyDown(input(), { key: 'ArrowDown' });
    await fireEvent.keyDown(input(), { key: 'ArrowDown' });
    await fireEvent.keyDown(input(), { key: 'ArrowUp' });
    const current = options()[1];
    expect(current?.getAttribute('aria-selected')).toBe('true');
    expect(options().filter((o) => o.getAttribute('aria-selected') === 'true')).toHaveLength(1);
    expect(input().getAttribute('aria-activedescendant')).toBe(current?.id);
    // Up from the first stays on the first; down past the last stays on the last.
    for (let i = 0; i < 6; i += 1) await fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(options()[3]?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(input(), { key: 'PageUp' });
    await fireEvent.keyDown(input(), { key: 'ArrowDown' });

    await fireEvent.keyDown(input(), { key: 'Enter' });
    await vi.waitFor(() => {
      expect(copy).toHaveBeenCalledWith({ id: 2 });
    });
    await vi.waitFor(() => {
      expect(screen.queryByTestId('palette')).toBeNull();
    });
    expect(screen.getByTestId('palette-toast').textContent).toContain('GitHub (octo): code copied. The clipboard clears in 30 s.');
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('Enter copies the best match of the filter', async () => {
    openVault();
    const copy = backend();
    render(QuickSearch, { onnavigate: vi.fn() });
    await openWithCtrlK();
    await fireEvent.input(input(), { target: { value: 'societe' } });
    await fireEvent.keyDown(input(), { key: 'Enter' });
    await vi.waitFor(() => {
      expect(copy).toHaveBeenCalledWith({ id: 3 });
    });
    expect(copy).toHaveBeenCalledTimes(1);
  });

  it('Escape closes without copying and gives the focus back', async () => {
    openVault();
    const copy = backend();
    render(QuickSearch, { onnavigate: vi.fn() });
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    await openWithCtrlK();
    await fireEvent.keyDown(input(), { key: 'Escape' });
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(copy).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
    // Opening again starts afresh.
    await openWithCtrlK();
    expect(input().value).toBe('');
    opener.remove();
  });

  it('opens on the back end’s open-palette event (the global shortcut)', async () => {
    openVault();
    backend();
    let handler: (() => void) | undefined;
    listenMock.mockImplementation((name, callback) => {
      if (name === OPEN_PALETTE_EVENT) {
        handler = () => {
          callback({ event: name, id: 1, payload: null });
        };
      }
      return Promise.resolve(() => undefined);
    });
    render(QuickSearch, { onnavigate: vi.fn() });
    await vi.waitFor(() => {
      expect(handler).toBeDefined();
    });
    handler?.();
    await tick();
    expect(await screen.findByRole('dialog', { name: 'Quick search' })).toBeTruthy();
    expect(document.activeElement).toBe(input());
  });

  it('a HOTP account without a code asks for one instead of copying', async () => {
    openVault();
    const copy = backend();
    render(QuickSearch, { onnavigate: vi.fn() });
    await openWithCtrlK();
    await screen.findByText('111 111');
    await fireEvent.input(input(), { target: { value: 'vpn' } });
    await fireEvent.keyDown(input(), { key: 'Enter' });
    expect(copy).not.toHaveBeenCalled();
    expect(screen.getByTestId('palette-toast').textContent).toContain('Next code');
  });

  it('a refused copy stays open with the error', async () => {
    openVault();
    backend({
      copy_code: () => {
        throw { code: 'clipboard.unavailable', message: 'No clipboard.', hint: 'Start a desktop session.' };
      },
    });
    render(QuickSearch, { onnavigate: vi.fn() });
    await openWithCtrlK();
    await fireEvent.keyDown(input(), { key: 'Enter' });
    const notice = await screen.findByTestId('error-notice');
    expect(notice.textContent).toContain('Kairos could not copy the code.');
    expect(notice.textContent).toContain('No clipboard.');
    expect(screen.getByTestId('palette')).toBeTruthy();
  });

  it('with the vault locked, says so and offers the Codes page', async () => {
    vault.set({ exists: true, unlocked: false, protection: 'password', keyringAvailable: true });
    const list = vi.fn(() => ACCOUNTS);
    fakeBackend(invokeMock, { list_accounts: list });
    const onnavigate = vi.fn();
    render(QuickSearch, { onnavigate });
    await ctrlK();
    expect(screen.getByTestId('palette-locked').textContent).toContain('Open the vault first');
    expect(list).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Go to Codes' }));
    expect(onnavigate).toHaveBeenCalledWith('codes');
    expect(screen.queryByTestId('palette')).toBeNull();
  });

  it('speaks French', async () => {
    locale.set('fr');
    openVault();
    backend();
    render(QuickSearch, { onnavigate: vi.fn() });
    await openWithCtrlK();
    expect(screen.getByRole('dialog', { name: 'Recherche rapide' })).toBeTruthy();
    expect(input().getAttribute('aria-label')).toBe('Cherchez un compte pour copier son code');
    await fireEvent.keyDown(input(), { key: 'Enter' });
    await vi.waitFor(() => {
      expect(screen.getByTestId('palette-toast').textContent).toContain('Example Bank (alice)\u00a0: code copié');
    });
  });
});
