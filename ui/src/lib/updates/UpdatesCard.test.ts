import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { fakeBackend } from '../../test/helpers';
import type { AppError } from '../ipc';
import type { CheckOutcome, UpdateSettings } from './types';
import UpdatesCard from './UpdatesCard.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const button = (id: string): HTMLButtonElement => screen.getByTestId(id);
const input = (id: string): HTMLInputElement => screen.getByTestId(id);

const INSECURE: AppError = {
  code: 'update.insecure_endpoint',
  message: '“http://example.com/latest.json” is not a secure (https) address.',
  hint: 'Use the https:// address of the feed.',
};
const BAD_SIGNATURE: AppError = {
  code: 'update.bad_signature',
  message: 'The downloaded update is not signed by Kairos’s publishers: it was not installed.',
  hint: 'Kairos is unchanged.',
};
const FEED = 'https://updates.example.com/latest.json';
const OFFER: CheckOutcome = {
  status: 'available',
  currentVersion: '0.1.0',
  version: '9.9.9',
  notes: 'Faster codes.',
  date: '2026-12-01T12:00:00Z',
};

function backend(initial: UpdateSettings, found: CheckOutcome = OFFER): void {
  let stored = initial;
  fakeBackend(invokeMock, {
    get_update_settings: () => stored,
    set_update_settings: ({ settings }) => {
      const next = settings as UpdateSettings;
      if (next.endpoint?.startsWith('http://')) throw INSECURE;
      stored = { enabled: next.enabled, endpoint: next.endpoint?.trim() ?? null };
      return stored;
    },
    update_check: () => found,
    update_install: () => {
      throw BAD_SIGNATURE;
    },
  });
}

describe('Settings: Updates', () => {
  it('is off by default: nothing to check, and no check is asked', async () => {
    backend({ enabled: false, endpoint: null });
    render(UpdatesCard);
    await vi.waitFor(() => {
      expect(input('updates-enabled').disabled).toBe(false);
    });
    expect(input('updates-enabled').checked).toBe(false);
    expect(button('updates-check').disabled).toBe(true);
    expect(screen.getByTestId('updates-check-off').textContent).toContain('Turn on update checks');
    await fireEvent.click(button('updates-check'));
    expect(calls('update_check')).toEqual([]);
  });

  it('shows the back end’s refusal of an insecure address under the field', async () => {
    backend({ enabled: false, endpoint: null });
    render(UpdatesCard);
    await vi.waitFor(() => {
      expect(input('updates-endpoint').disabled).toBe(false);
    });
    await fireEvent.click(input('updates-enabled'));
    await fireEvent.input(input('updates-endpoint'), { target: { value: 'http://example.com/latest.json' } });
    await fireEvent.click(button('updates-save'));
    const error = await screen.findByTestId('updates-endpoint-error');
    expect(error.dataset.errorCode).toBe('update.insecure_endpoint');
    expect(input('updates-endpoint').getAttribute('aria-invalid')).toBe('true');
    // Still off: the refused settings were not stored.
    expect(button('updates-check').disabled).toBe(true);
  });

  it('checks once turned on, shows the new version with its notes', async () => {
    backend({ enabled: false, endpoint: null });
    render(UpdatesCard);
    await vi.waitFor(() => {
      expect(input('updates-endpoint').disabled).toBe(false);
    });
    await fireEvent.click(input('updates-enabled'));
    await fireEvent.input(input('updates-endpoint'), { target: { value: ` ${FEED} ` } });
    await fireEvent.click(button('updates-save'));
    await vi.waitFor(() => {
      expect(button('updates-check').disabled).toBe(false);
    });
    expect(calls('set_update_settings')).toEqual([
      ['set_update_settings', { settings: { enabled: true, endpoint: ` ${FEED} ` } }],
    ]);
    expect(screen.getByTestId('updates-saved').textContent).toContain('Saved.');

    await fireEvent.click(button('updates-check'));
    const offer = await screen.findByTestId('updates-available');
    expect(offer.textContent).toContain('Version 9.9.9 is available (you have 0.1.0).');
    expect(screen.getByTestId('updates-notes').textContent).toBe('Faster codes.');
    expect(offer.textContent).toContain('2026-12-01');
  });

  it('says when Kairos is up to date', async () => {
    backend({ enabled: true, endpoint: FEED }, { status: 'upToDate', currentVersion: '0.1.0' });
    render(UpdatesCard);
    await vi.waitFor(() => {
      expect(button('updates-check').disabled).toBe(false);
    });
    await fireEvent.click(button('updates-check'));
    expect((await screen.findByTestId('updates-up-to-date')).textContent).toContain('Kairos 0.1.0 is up to date.');
    expect(screen.queryByTestId('updates-install')).toBeNull();
  });

  it('shows a refused signature and drops the offer', async () => {
    backend({ enabled: true, endpoint: FEED });
    render(UpdatesCard);
    await vi.waitFor(() => {
      expect(button('updates-check').disabled).toBe(false);
    });
    await fireEvent.click(button('updates-check'));
    await fireEvent.click(await screen.findByTestId('updates-install'));
    expect((await screen.findByTestId('error-code')).textContent).toBe('update.bad_signature');
    expect(screen.getByTestId('error-notice').textContent).toContain('The update was not installed.');
    expect(calls('update_install')).toEqual([['update_install', { version: '9.9.9' }]]);
    expect(screen.queryByTestId('updates-available')).toBeNull();
  });
});
