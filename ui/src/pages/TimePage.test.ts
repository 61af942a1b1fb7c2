import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCALES } from '../i18n';
import { MINUS } from '../lib/clock';
import type { TimeSettings, TimeView } from '../lib/ipc';
import { deferred, fakeBackend } from '../test/helpers';
import { ALL_HTTP_OUTCOMES, ALL_OUTCOMES, serverRow, timeView } from '../test/time';
import TimePage from './TimePage.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
const invokeMock = vi.mocked(invoke);

const SETTINGS: TimeSettings = {
  enabled: true,
  servers: ['time.aws.com', 'time.google.com'],
  warningThresholdSeconds: 5,
  httpFallback: true,
};

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

function backend(extra: Handlers = {}): void {
  fakeBackend(invokeMock, {
    time_status: () => timeView(),
    get_time_settings: () => SETTINGS,
    ...extra,
  });
}

const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const text = (testid: string): string => screen.getByTestId(testid).textContent.trim();
const field = (testid: string): HTMLInputElement => screen.getByTestId(testid);
const area = (testid: string): HTMLTextAreaElement => screen.getByTestId(testid);
const button = (testid: string): HTMLButtonElement => screen.getByTestId(testid);

async function renderPage(): Promise<void> {
  render(TimePage);
  await screen.findByTestId('time-offset');
  await vi.waitFor(() => {
    expect(field('time-save').hasAttribute('disabled')).toBe(false);
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Time page: the state of the clock', () => {
  it('shows the offset, its source, the sync times and each server', async () => {
    const lastSync = Date.now() - 3 * 60_000;
    backend({
      time_status: () =>
        timeView({
          lastSync: lastSync,
          lastAttempt: lastSync,
          nextSync: Date.now() + 4 * 60_000 + 20_000,
          servers: [
            serverRow('time.aws.com:123', { chosen: true, offsetMs: -93_215.44, delayMs: 21.26, stratum: 1 }),
            serverRow('127.0.0.1:40123', {
              address: '127.0.0.1:40123',
              offsetMs: null,
              delayMs: null,
              stratum: null,
              outcome: { kind: 'rejected', detail: { kind: 'kissOfDeath', code: 'RATE' } },
            }),
          ],
          httpDate: {
            url: 'https://cognito-idp.eu-west-1.amazonaws.com/',
            offsetMs: -93_400,
            delayMs: 180.4,
            outcome: { kind: 'ok' },
          },
        }),
    });
    await renderPage();
    expect(text('time-offset')).toBe(`${MINUS}93.2 s`);
    expect(text('time-drift')).toBe('This computer’s clock is 93.2 s ahead of network time.');
    expect(text('time-source')).toBe('Time servers (NTP): time.aws.com, time.google.com');
    expect(text('time-last-sync')).toBe('3 minutes ago');
    expect(text('time-next-sync')).toBe('in 4 minutes');
    expect(screen.queryByTestId('time-last-attempt')).toBeNull();

    const rows = screen.getAllByTestId('time-server-row');
    expect(rows).toHaveLength(2);
    const [aws, local] = rows.map((row) => within(row));
    expect(aws?.getByTestId('time-server-name').textContent).toBe('time.aws.com:123');
    expect(aws?.getByTestId('time-server-address').textContent).toBe('203.0.113.7:123');
    expect(aws?.getByTestId('time-server-offset').textContent).toBe(`${MINUS}93,215.4 ms`);
    expect(aws?.getByTestId('time-server-delay').textContent).toBe('21.3 ms');
    expect(aws?.getByTestId('time-server-stratum').textContent).toBe('1');
    expect(aws?.getByTestId('time-server-result').textContent.trim()).toBe('Answered');
    expect(aws?.getByTestId('time-server-chosen').textContent).toContain('Used for the offset');
    expect(rows[0]?.dataset.chosen).toBe('true');

    expect(local?.getByTestId('time-server-offset').textContent).toBe('—');
    expect(local?.getByTestId('time-server-stratum').textContent).toBe('—');
    expect(local?.getByTestId('time-server-result').textContent.trim()).toBe('Asked us to slow down (RATE)');
    expect(local?.queryByTestId('time-server-chosen')).toBeNull();
    expect(rows[1]?.dataset.chosen).toBe('false');

    const http = within(screen.getByTestId('time-http-row'));
    expect(http.getByTestId('time-server-name').textContent).toContain('Cognito web clock');
    expect(http.getByTestId('time-server-address').textContent).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(http.getByTestId('time-server-delay').textContent).toBe('180.4 ms');
    expect(http.getByTestId('time-server-result').textContent.trim()).toBe('Answered');

    expect(document.querySelector('[style]')).toBeNull();
  });

  it('shows each warning as a notice, and the last failed attempt', async () => {
    backend({
      time_status: () =>
        timeView({
          lastAttempt: Date.now() - 10_000,
          warnings: [
            { kind: 'lastSyncFailed' },
            { kind: 'largeOffset', offset: -93_215_400_000 },
            { kind: 'mixedSmearing' },
          ],
        }),
    });
    await renderPage();
    expect(text('time-warning-lastSyncFailed')).toContain('The last sync got no answer');
    expect(text('time-warning-largeOffset')).toContain('93.2 s ahead of network time');
    expect(text('time-warning-mixedSmearing')).toContain('smear leap seconds');
    expect(text('time-settings-smearing')).toContain('smear leap seconds');
    expect(text('time-last-attempt')).toBe('10 seconds ago');
  });

  it('says when codes use the system clock', async () => {
    backend({
      time_status: () =>
        timeView({
          enabled: false,
          offsetMs: 0,
          source: { kind: 'system' },
          lastSync: null,
          lastAttempt: null,
          nextSync: null,
          warnings: [{ kind: 'disabled' }],
          servers: [],
        }),
    });
    await renderPage();
    expect(text('time-offset')).toBe('0 ms');
    expect(screen.queryByTestId('time-drift')).toBeNull();
    expect(text('time-source')).toContain('network time is turned off');
    expect(text('time-last-sync')).toBe('Never');
    expect(text('time-next-sync')).toBe('Not scheduled');
    expect(text('time-warning-disabled')).toContain('Network time is turned off');
    expect(text('time-servers-none')).toBe('No time server is configured.');
  });

  it('syncs now: the button waits with a spinner, then the new offset shows', async () => {
    const answer = deferred<TimeView>();
    backend({ time_sync: () => answer.promise });
    await renderPage();
    const syncNow = button('time-sync-now');
    expect(syncNow.textContent.trim()).toBe('Sync now');
    await fireEvent.click(syncNow);
    expect(calls('time_sync')).toEqual([['time_sync', {}]]);
    expect(syncNow.disabled).toBe(true);
    expect(syncNow.querySelector('.spinner')).not.toBeNull();
    expect(syncNow.textContent.trim()).toBe('Syncing…');

    answer.resolve(timeView({ offsetMs: 90_000, source: { kind: 'httpDate', url: 'https://cognito-idp.eu-west-1.amazonaws.com/' } }));
    await vi.waitFor(() => {
      expect(text('time-offset')).toBe('+90.0 s');
    });
    expect(text('time-drift')).toBe('This computer’s clock is 90.0 s behind network time.');
    expect(text('time-source')).toContain('Date header of https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(syncNow.disabled).toBe(false);
  });

  it('keeps the button off while the back end syncs by itself', async () => {
    backend({ time_status: () => timeView({ syncing: true }) });
    await renderPage();
    expect(button('time-sync-now').disabled).toBe(true);
    expect(text('time-next-sync')).toBe('In progress…');
  });

  it('shows a failed sync with its code, message and hint', async () => {
    backend({
      time_sync: () => {
        throw { code: 'time.busy', message: 'A sync is already running.', hint: 'Wait a second.' };
      },
    });
    await renderPage();
    await fireEvent.click(field('time-sync-now'));
    const notice = await screen.findByTestId('error-notice');
    expect(within(notice).getByTestId('error-code').textContent).toBe('time.busy');
    expect(within(notice).getByTestId('error-message').textContent).toBe('A sync is already running.');
    expect(within(notice).getByTestId('error-hint').textContent).toBe('Wait a second.');
    expect(notice.textContent).toContain('Kairos could not sync the clock.');
    await fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('error-notice')).toBeNull();
  });

  it('maps a command the back end does not know to ipc.unknown_command', async () => {
    backend({
      time_sync: () => {
        throw 'Command time_sync not found'; // what Tauri says
      },
    });
    await renderPage();
    await fireEvent.click(field('time-sync-now'));
    const notice = await screen.findByTestId('error-notice');
    expect(within(notice).getByTestId('error-code').textContent).toBe('ipc.unknown_command');
    expect(within(notice).getByTestId('error-message').textContent).toContain('time_sync');
  });

  it('says why the state could not be read', async () => {
    fakeBackend(invokeMock, {
      time_status: () => {
        throw { code: 'time.state', message: 'The clock state is unreadable.', hint: null };
      },
      get_time_settings: () => SETTINGS,
    });
    render(TimePage);
    const error = await screen.findByTestId('time-load-error');
    expect(within(error).getByTestId('error-code').textContent).toBe('time.state');
    expect(screen.getByTestId('page-time').textContent).toContain('Loading…');
  });

  it('shows a problem with the offset kept between sessions', async () => {
    backend({
      time_status: () =>
        timeView({ problem: { code: 'time.store', message: 'time.json is unreadable.', hint: 'It will be written again.' } }),
    });
    await renderPage();
    const problem = screen.getByTestId('time-problem');
    expect(within(problem).getByTestId('error-code').textContent).toBe('time.store');
    expect(problem.textContent).toContain('offset it keeps between sessions');
  });

  it('asks again every 3 seconds while open, and keeps a sync’s answer over an older status', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let offsetMs = -93_215.4;
    const late = deferred<TimeView>();
    let holdNext = false;
    backend({
      time_status: () => {
        if (holdNext) {
          holdNext = false;
          return late.promise;
        }
        return timeView({ offsetMs });
      },
      time_sync: () => timeView({ offsetMs: 250 }),
    });
    render(TimePage);
    await screen.findByTestId('time-offset');
    expect(calls('time_status')).toHaveLength(1);
    offsetMs = -1200;
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls('time_status')).toHaveLength(2);
    expect(text('time-offset')).toBe(`${MINUS}1.2 s`);

    // A status is asked, a sync answers first, then the status: the sync wins.
    holdNext = true;
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls('time_status')).toHaveLength(3);
    await fireEvent.click(field('time-sync-now'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text('time-offset')).toBe('+250 ms');
    late.resolve(timeView({ offsetMs: -1200 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(text('time-offset')).toBe('+250 ms');
  });

  it.each(LOCALES)('words every server answer in %s', async (lang) => {
    const { locale } = await import('../i18n');
    locale.set(lang);
    backend({
      time_status: () =>
        timeView({
          servers: ALL_OUTCOMES.map((outcome, i) => serverRow(`s${String(i)}.example:123`, { outcome })),
          httpDate: { url: 'https://example.com/', offsetMs: null, delayMs: null, outcome: ALL_HTTP_OUTCOMES[4] ?? { kind: 'ok' } },
        }),
    });
    await renderPage();
    const results = screen.getAllByTestId('time-server-result').map((cell) => cell.textContent.trim());
    expect(results).toHaveLength(ALL_OUTCOMES.length + 1);
    for (const result of results) expect(result).toMatch(/^[^{}]*\p{L}{3}[^{}]*$/u);
    expect(new Set(results.slice(0, ALL_OUTCOMES.length)).size).toBe(ALL_OUTCOMES.length);
  });
});

describe('Time page: settings', () => {
  it('loads the settings, offers presets, and saves them', async () => {
    const saved = timeView({ servers: [serverRow('0.pool.ntp.org:123')] });
    backend({ set_time_settings: () => saved });
    await renderPage();
    expect(field('time-enabled').checked).toBe(true);
    expect(area('time-servers').value).toBe('time.aws.com\ntime.google.com');
    expect(field('time-threshold').value).toBe('5');
    expect(field('time-http-fallback').checked).toBe(true);
    expect(screen.getByLabelText('NTP servers, one per line')).toBe(field('time-servers'));

    await fireEvent.click(screen.getByTestId('time-preset-pool'));
    expect(area('time-servers').value).toBe('0.pool.ntp.org\n1.pool.ntp.org\n2.pool.ntp.org');
    await fireEvent.click(screen.getByTestId('time-preset-smearing'));
    expect(area('time-servers').value).toBe('time.aws.com\ntime.google.com');
    expect(screen.getByTestId('page-time').textContent).toContain('Do not mix them with servers that do not, such as pool.ntp.org.');

    await fireEvent.input(field('time-servers'), { target: { value: ' 0.pool.ntp.org \n\n[2001:db8::1]:123\n' } });
    await fireEvent.input(field('time-threshold'), { target: { value: '30' } });
    await fireEvent.click(field('time-http-fallback'));
    await fireEvent.click(field('time-save'));
    expect(calls('set_time_settings')).toEqual([
      [
        'set_time_settings',
        {
          settings: {
            enabled: true,
            servers: ['0.pool.ntp.org', '[2001:db8::1]:123'],
            warningThresholdSeconds: 30,
            httpFallback: false,
          },
        },
      ],
    ]);
    await vi.waitFor(() => {
      expect(text('time-saved')).toBe('Saved.');
    });
    // The answer is the new state of the clock.
    expect(screen.getAllByTestId('time-server-row')).toHaveLength(1);
  });

  it('shows the back end’s bad server error under the servers box', async () => {
    backend({
      set_time_settings: () => {
        throw {
          code: 'time.bad_server',
          message: '“time aws com” is not a host name, an address or host:port.',
          hint: 'One server per line, like time.aws.com or [::1]:123.',
        };
      },
    });
    await renderPage();
    await fireEvent.input(field('time-servers'), { target: { value: 'time aws com' } });
    await fireEvent.click(field('time-save'));
    const error = await screen.findByTestId('time-servers-error');
    expect(error.textContent).toContain('“time aws com” is not a host name');
    expect(error.textContent).toContain('One server per line');
    expect(error.dataset.errorCode).toBe('time.bad_server');
    expect(field('time-servers').getAttribute('aria-invalid')).toBe('true');
    expect(field('time-servers').getAttribute('aria-describedby')).toContain(error.id);
    expect(screen.queryByTestId('error-notice')).toBeNull();

    // Typing again clears it.
    await fireEvent.input(field('time-servers'), { target: { value: 'time.aws.com' } });
    expect(screen.queryByTestId('time-servers-error')).toBeNull();
  });

  it('shows the back end’s threshold error under the threshold, and other errors as a notice', async () => {
    let error: unknown = { code: 'time.threshold', message: 'From 1 to 3600 seconds.', hint: null };
    backend({
      set_time_settings: () => {
        throw error;
      },
    });
    await renderPage();
    await fireEvent.click(field('time-save'));
    expect((await screen.findByTestId('time-threshold-error')).textContent).toContain('From 1 to 3600 seconds.');

    error = { code: 'time.save', message: 'Disk full.', hint: null };
    await fireEvent.click(field('time-save'));
    const notice = await screen.findByTestId('error-notice');
    expect(notice.textContent).toContain('Kairos could not save the time settings.');
    expect(within(notice).getByTestId('error-code').textContent).toBe('time.save');
    expect(screen.queryByTestId('time-threshold-error')).toBeNull();
  });

  it('refuses an empty list or a threshold out of range without asking the back end', async () => {
    backend();
    await renderPage();
    await fireEvent.input(field('time-servers'), { target: { value: '  \n ' } });
    await fireEvent.input(field('time-threshold'), { target: { value: '3601' } });
    await fireEvent.click(field('time-save'));
    expect(text('time-servers-error')).toBe('Give at least one server, or turn network time off.');
    expect(text('time-threshold-error')).toBe('Type a whole number of seconds from 1 to 3600.');
    expect(calls('set_time_settings')).toEqual([]);

    // With network time off, an empty list is fine.
    await fireEvent.click(field('time-enabled'));
    await fireEvent.input(field('time-threshold'), { target: { value: '5' } });
    await fireEvent.click(field('time-save'));
    expect(calls('set_time_settings')).toHaveLength(1);
  });
});

describe('Time page: why it matters', () => {
  it('explains Cognito’s tolerance and quotes its documentation, in English', async () => {
    backend();
    await renderPage();
    const explain = screen.getByTestId('time-explain');
    expect(explain.textContent).toContain('within about 30 seconds of its own clock');
    expect([...explain.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
      'CodeMismatchException',
      'EnableSoftwareTokenMFAException',
      'timedatectl set-ntp true',
    ]);
    expect(text('time-explain-quote')).toBe(
      '“To resolve this error, make sure that users’ devices are synchronised with real time.”',
    );
    expect(explain.textContent).toContain('Date header of the Cognito endpoint');
  });

  it('and in French', async () => {
    backend();
    await renderPage();
    const { locale } = await import('../i18n');
    locale.set('fr');
    await tick();
    expect(screen.getByTestId('time-explain-quote').getAttribute('lang')).toBe('fr');
    expect(text('time-explain-quote')).toBe(
      '«\u00a0Pour résoudre cette erreur, assurez-vous que les appareils des utilisateurs sont synchronisés avec l’heure réelle.\u00a0»',
    );
    expect(screen.getByTestId('time-explain').textContent).toContain('CodeMismatchException');
    expect(text('time-sync-now')).toBe('Synchroniser maintenant');
  });
});
