import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import AddAccountPage from '../../pages/AddAccountPage.svelte';
import { fakeBackend } from '../../test/helpers';
import type { ScanResult, ScreenChoices, ScreenSnapshot, VaultStatus } from '../ipc';

vi.mock('@tauri-apps/api/core', async () => ({
  invoke: vi.fn(),
  Channel: (await import('../../test/helpers')).FakeChannel,
}));
const invokeMock = vi.mocked(invoke);

const OPEN: VaultStatus = { exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true };
const FOUND: ScanResult = {
  source: 'screen',
  payloads: [
    {
      kind: 'otpauth',
      account: {
        pendingId: 3,
        duplicate: false,
        preview: {
          issuer: 'GitHub',
          label: 'bob@example.com',
          kind: 'totp',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: null,
          warning: null,
        },
      },
    },
  ],
  migration: null,
};
const X11: ScreenChoices = {
  backend: 'x11',
  windows: [
    { id: 4194305, title: 'Sign-in — QR code', width: 420, height: 420 },
    { id: 6291457, title: 'Terminal', width: 800, height: 500 },
  ],
};
// A 1280×800 screen shown 640×400: screen pixels are twice snapshot pixels.
const SNAPSHOT: ScreenSnapshot = { jpeg: 'AAAA', width: 640, height: 400, screenWidth: 1280, screenHeight: 800 };

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const byId = (id: string): HTMLElement => screen.getByTestId(id);

async function openScreen(handlers: Handlers): Promise<void> {
  fakeBackend(invokeMock, { vault_status: () => OPEN, scan_screen: () => FOUND, ...handlers });
  render(AddAccountPage, { onadded: vi.fn(), onimported: vi.fn() });
  await fireEvent.click(await screen.findByTestId('scan-source-screen'));
  await vi.waitFor(() => {
    expect(calls('screen_windows')).toHaveLength(1);
  });
}

const sentTarget = (): unknown => (calls('scan_screen').at(-1)?.[1] as { target: unknown }).target;

describe('Screen source', () => {
  it('scans the whole screen by default', async () => {
    await openScreen({ screen_windows: () => X11 });
    await fireEvent.click(byId('scan-screen'));
    await screen.findByTestId('scan-card');
    expect(sentTarget()).toEqual({ kind: 'screen' });
  });

  it('lists windows by title on X11 and scans the chosen one', async () => {
    await openScreen({ screen_windows: () => X11 });
    expect(screen.queryByTestId('screen-mode-pick')).toBeNull();
    await fireEvent.click(byId('screen-mode-window'));
    const list = await screen.findByTestId('screen-windows');
    expect(list.textContent).toContain('Sign-in — QR code');
    expect(list.textContent).toContain('420×420');
    // Nothing chosen yet: nothing to scan.
    expect((byId('scan-screen') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(byId('screen-window-4194305'));
    await fireEvent.click(byId('scan-screen'));
    await screen.findByTestId('scan-card');
    expect(sentTarget()).toEqual({ kind: 'window', id: 4194305 });
  });

  it('forgets a chosen window that closed when the list is refreshed', async () => {
    let choices = X11;
    await openScreen({ screen_windows: () => choices });
    await fireEvent.click(byId('screen-mode-window'));
    await fireEvent.click(await screen.findByTestId('screen-window-4194305'));
    choices = { backend: 'x11', windows: [] };
    await fireEvent.click(byId('screen-refresh'));
    await screen.findByTestId('screen-no-windows');
    expect((byId('scan-screen') as HTMLButtonElement).disabled).toBe(true);
  });

  it('draws an area on a snapshot with the keyboard and sends it in screen pixels', async () => {
    await openScreen({ screen_windows: () => X11, screen_snapshot: () => SNAPSHOT });
    await fireEvent.click(byId('screen-mode-region'));
    expect((byId('scan-screen') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(byId('screen-snapshot'));
    const picker = await screen.findByTestId('screen-region');
    // Focus starts from the middle half; → moves 4, Shift+Alt+↓ grows 40.
    await fireEvent.focus(picker);
    await fireEvent.keyDown(picker, { key: 'ArrowRight' });
    await fireEvent.keyDown(picker, { key: 'ArrowDown', altKey: true, shiftKey: true });
    expect(picker.getAttribute('aria-valuetext')).toBe('Area of 320 by 240 at 164, 100');
    await fireEvent.click(byId('scan-screen'));
    await screen.findByTestId('scan-card');
    expect(sentTarget()).toEqual({ kind: 'region', x: 328, y: 200, width: 640, height: 480 });
  });

  it('offers the system dialog on Wayland, and no window list', async () => {
    await openScreen({ screen_windows: () => ({ backend: 'wayland', windows: [] }) });
    await screen.findByTestId('screen-mode-pick');
    expect(screen.queryByTestId('screen-mode-window')).toBeNull();
    await fireEvent.click(byId('screen-mode-pick'));
    await fireEvent.click(byId('scan-screen'));
    await screen.findByTestId('scan-card');
    expect(sentTarget()).toEqual({ kind: 'pick' });
  });

  it('says why the screen cannot be read, and shows the portal error of a scan', async () => {
    await openScreen({
      screen_windows: () => {
        throw { code: 'capture.screen_no_display', message: 'There is no screen to capture.', hint: null };
      },
      scan_screen: () => {
        throw { code: 'capture.portal_cancelled', message: 'The screenshot was cancelled.', hint: null };
      },
    });
    expect((await screen.findByTestId('screen-error')).dataset.errorCode).toBe('capture.screen_no_display');
    await fireEvent.click(byId('scan-screen'));
    expect((await screen.findByTestId('scan-error')).dataset.errorCode).toBe('capture.portal_cancelled');
  });
});
