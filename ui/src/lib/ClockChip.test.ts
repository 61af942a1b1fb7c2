import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBackend } from '../test/helpers';
import { HOUR, timeView } from '../test/time';
import ClockChip from './ClockChip.svelte';
import { MINUS } from './clock';
import type { TimeView } from './ipc';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);

function backend(status: () => TimeView): void {
  fakeBackend(invokeMock, { time_status: status });
}

async function chip(): Promise<HTMLElement> {
  return screen.findByTestId('clock-chip');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Clock chip', () => {
  it('says the offset and the server, and opens the Time page', async () => {
    backend(() => timeView());
    const onnavigate = vi.fn();
    render(ClockChip, { onnavigate });
    const button = await chip();
    expect(button.textContent.trim()).toBe(`Clock ${MINUS}93.2 s · codes corrected (time.aws.com)`);
    expect(button.dataset.tone).toBe('ok');
    expect(button.getAttribute('title')).toBe('Details on the Time page.');
    await fireEvent.click(button);
    expect(onnavigate).toHaveBeenCalledWith('time');
    expect(document.querySelector('[style]')).toBeNull();
  });

  it('warns, with the reason in its tooltip and description, when the last sync failed', async () => {
    backend(() => timeView({ warnings: [{ kind: 'lastSyncFailed' }, { kind: 'largeOffset', offset: -93_215_400_000 }] }));
    render(ClockChip, { onnavigate: vi.fn() });
    const button = await chip();
    expect(button.dataset.tone).toBe('warn');
    const title = button.getAttribute('title') ?? '';
    expect(title).toContain('The last sync got no answer');
    expect(title).toContain('This computer’s clock is 93.2 s ahead of network time, so other apps on it are wrong too.');
    const described = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toContain('The last sync got no answer');
  });

  it('says when codes use the system clock', async () => {
    backend(() => timeView({ source: { kind: 'system' }, offsetMs: 0, warnings: [{ kind: 'unsynchronised' }] }));
    render(ClockChip, { onnavigate: vi.fn() });
    const button = await chip();
    expect(button.textContent.trim()).toBe('Unsynchronised — using the system clock');
    expect(button.dataset.tone).toBe('warn');
  });

  it('words an offset kept from the last session, and follows the language', async () => {
    backend(() =>
      timeView({ source: { kind: 'persisted', aged: true, measuredAt: Date.now() - 3 * HOUR, origin: 'time.aws.com:123' }, warnings: [{ kind: 'agedOffset' }] }),
    );
    render(ClockChip, { onnavigate: vi.fn() });
    const button = await chip();
    expect(button.textContent.trim()).toBe(`Clock ${MINUS}93.2 s · last measured 3 hours ago`);
    expect(button.dataset.tone).toBe('warn');
    const { locale } = await import('../i18n');
    locale.set('fr');
    await tick();
    expect(button.textContent.trim()).toBe(`Horloge ${MINUS}93,2 s · dernière mesure il y a 3 heures`);
  });

  it('shows nothing while the back end cannot say', async () => {
    fakeBackend(invokeMock, {
      time_status: () => {
        throw { code: 'time.unavailable', message: 'No clock.', hint: null };
      },
    });
    render(ClockChip, { onnavigate: vi.fn() });
    await vi.waitFor(() => {
      expect(calls('time_status').length).toBe(1);
    });
    await tick();
    expect(screen.queryByTestId('clock-chip')).toBeNull();
  });

  it('asks every 5 seconds, at once when the window gets the focus, and not while hidden', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let offsetMs = -93_215.4;
    backend(() => timeView({ offsetMs }));
    render(ClockChip, { onnavigate: vi.fn() });
    await chip();
    expect(calls('time_status')).toHaveLength(1);

    offsetMs = 12.4;
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls('time_status')).toHaveLength(2);
    expect((await chip()).textContent.trim()).toBe('Clock in sync (+12 ms · time.aws.com)');

    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls('time_status')).toHaveLength(3);

    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls('time_status')).toHaveLength(3);

    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls('time_status')).toHaveLength(4);
    // A single timer: still one call per 5 s after all that.
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls('time_status')).toHaveLength(5);
  });
});
