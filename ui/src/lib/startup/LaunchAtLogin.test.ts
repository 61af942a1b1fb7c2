import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { fakeBackend } from '../../test/helpers';
import LaunchAtLogin from './LaunchAtLogin.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const box = (): HTMLInputElement => screen.getByTestId('launch-at-login');
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);

describe('Settings: launch at login', () => {
  it('shows the system’s state and changes it both ways', async () => {
    let entry = false;
    fakeBackend(invokeMock, {
      get_launch_at_login: () => entry,
      set_launch_at_login: ({ enabled }) => (entry = enabled as boolean),
    });
    render(LaunchAtLogin);
    await vi.waitFor(() => {
      expect(box().disabled).toBe(false);
    });
    expect(box().checked).toBe(false);
    expect(screen.getByLabelText('Open Kairos when I log in')).toBe(box());

    await fireEvent.click(box());
    await vi.waitFor(() => {
      expect(entry).toBe(true);
    });
    expect(box().checked).toBe(true);
    await fireEvent.click(box());
    await vi.waitFor(() => {
      expect(entry).toBe(false);
    });
    expect(calls('set_launch_at_login')).toEqual([
      ['set_launch_at_login', { enabled: true }],
      ['set_launch_at_login', { enabled: false }],
    ]);
  });

  it('puts the box back and explains when the system refuses', async () => {
    fakeBackend(invokeMock, {
      get_launch_at_login: () => false,
      set_launch_at_login: () => {
        throw { code: 'autostart.failed', message: 'Kairos could not change whether it opens at login.', hint: null };
      },
    });
    render(LaunchAtLogin);
    await vi.waitFor(() => {
      expect(box().disabled).toBe(false);
    });
    await fireEvent.click(box());
    expect((await screen.findByTestId('error-code')).textContent).toBe('autostart.failed');
    expect(box().checked).toBe(false);
  });
});
