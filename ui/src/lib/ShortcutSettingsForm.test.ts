import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { fakeBackend } from '../test/helpers';
import type { ShortcutSettings } from './ipc';
import ShortcutSettingsForm from './ShortcutSettingsForm.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const ACTIVE: ShortcutSettings = {
  quickSearch: 'Ctrl+Shift+K',
  defaultQuickSearch: 'Ctrl+Shift+K',
  active: true,
  problem: null,
};

const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const input = (): HTMLInputElement => screen.getByTestId<HTMLInputElement>('shortcut-input');

async function renderForm(handlers: Record<string, (args: Record<string, unknown>) => unknown>): Promise<void> {
  invokeMock.mockClear();
  fakeBackend(invokeMock, { get_shortcut_settings: () => ACTIVE, ...handlers });
  render(ShortcutSettingsForm);
  await vi.waitFor(() => {
    expect(input().disabled).toBe(false);
  });
}

describe('Quick search shortcut setting', () => {
  it('records the pressed keys and saves them', async () => {
    await renderForm({
      set_shortcut_settings: ({ shortcut }) => ({ ...ACTIVE, quickSearch: shortcut }),
    });
    expect(input().value).toBe('Ctrl+Shift+K');
    expect(screen.getByLabelText('Quick search shortcut')).toBe(input());
    expect(screen.getByTestId('shortcut-status').textContent).toContain('Ctrl+Shift+K is active.');

    await fireEvent.keyDown(input(), { key: 'j', code: 'KeyJ', ctrlKey: true, altKey: true });
    expect(input().value).toBe('Ctrl+Alt+J');
    await fireEvent.click(screen.getByTestId('shortcut-save'));
    await vi.waitFor(() => {
      expect(screen.getByTestId('shortcut-status').textContent).toContain('Saved.');
    });
    expect(calls('set_shortcut_settings')).toEqual([['set_shortcut_settings', { shortcut: 'Ctrl+Alt+J' }]]);
    expect(screen.getByTestId('shortcut-status').textContent).toContain('Ctrl+Alt+J is active.');
  });

  it('shows the back end’s refusal under the field, with what to do', async () => {
    await renderForm({
      set_shortcut_settings: () => {
        throw {
          code: 'shortcut.taken',
          message: 'Another application already uses Ctrl+Alt+T.',
          hint: 'Choose another combination, or turn the shortcut off. The previous one still works.',
        };
      },
    });
    await fireEvent.input(input(), { target: { value: 'Ctrl+Alt+T' } });
    await fireEvent.click(screen.getByTestId('shortcut-save'));
    const error = await screen.findByTestId('shortcut-error');
    expect(error.textContent).toContain('Another application already uses Ctrl+Alt+T.');
    expect(error.textContent).toContain('turn the shortcut off');
    expect(error.dataset.errorCode).toBe('shortcut.taken');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(input().getAttribute('aria-describedby')).toContain(error.id);
    expect(input().value).toBe('Ctrl+Alt+T');
    expect(screen.getByTestId('shortcut-status').textContent).not.toContain('Saved.');
  });

  it('turns it off by saving a blank shortcut, and asks for one when left blank while on', async () => {
    await renderForm({
      set_shortcut_settings: ({ shortcut }) => ({ ...ACTIVE, quickSearch: shortcut === '' ? null : shortcut, active: shortcut !== '' }),
    });
    await fireEvent.input(input(), { target: { value: '  ' } });
    await fireEvent.click(screen.getByTestId('shortcut-save'));
    expect(screen.getByTestId('shortcut-error').textContent).toContain('Type a shortcut, or turn it off.');
    expect(calls('set_shortcut_settings')).toEqual([]);

    await fireEvent.click(screen.getByTestId('shortcut-enabled'));
    expect(input().disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('shortcut-save'));
    await vi.waitFor(() => {
      expect(screen.getByTestId('shortcut-status').textContent).toContain('The shortcut is off.');
    });
    expect(calls('set_shortcut_settings')).toEqual([['set_shortcut_settings', { shortcut: '' }]]);
    expect(screen.getByTestId<HTMLInputElement>('shortcut-enabled').checked).toBe(false);
  });

  it('says why the saved shortcut is not active, and speaks French', async () => {
    const { locale } = await import('../i18n');
    await renderForm({
      get_shortcut_settings: () => ({
        ...ACTIVE,
        active: false,
        problem: { code: 'shortcut.taken', message: 'Une autre application utilise déjà Ctrl+Shift+K.', hint: null },
      }),
    });
    locale.set('fr');
    await tick();
    expect(screen.getByTestId('error-notice').textContent).toContain('Une autre application utilise déjà Ctrl+Shift+K.');
    expect(screen.getByText('Le raccourci enregistré n’est pas actif')).toBeTruthy();
    expect(screen.getByLabelText('Raccourci de recherche rapide')).toBe(input());
    locale.set('en');
  });
});
