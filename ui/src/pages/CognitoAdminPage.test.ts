import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n';
import type {
  BulkMessage,
  ConnectionChoices,
  ConnectionInfo,
  PoolMfaConfig,
  PoolMfaPlan,
  UsersMessage,
} from '../lib/cognito/types';
import { fakeBackend, type FakeChannel } from '../test/helpers';
import CognitoAdminPage from './CognitoAdminPage.svelte';

vi.mock('@tauri-apps/api/core', async () => ({
  invoke: vi.fn(),
  Channel: (await import('../test/helpers')).FakeChannel,
}));
const invokeMock = vi.mocked(invoke);

const choices = (extra: Partial<ConnectionChoices> = {}): ConnectionChoices => ({
  profiles: [{ name: 'corp', usesSso: true, region: 'eu-west-1' }],
  defaultProfile: null,
  regions: ['eu-west-1', 'us-east-1'],
  defaultRegion: 'eu-west-1',
  endpointOverride: null,
  endpointSource: null,
  credentialsFound: true,
  demoAvailable: true,
  demoRequested: false,
  connection: null,
  ...extra,
});

const connected = (extra: Partial<ConnectionInfo> = {}): ConnectionInfo => ({
  profile: 'corp',
  region: 'eu-west-1',
  endpoint: null,
  demo: false,
  usesSso: true,
  ...extra,
});

const poolConfig: PoolMfaConfig = {
  poolId: 'eu-west-1_A',
  settings: { mode: 'OFF', totpEnabled: false, sms: null, email: null, webAuthn: null },
  facts: { poolName: 'Staff', emailUsesSes: false, firstFactors: [], estimatedUsers: 3 },
};

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

function backend(handlers: Handlers): void {
  fakeBackend(invokeMock, {
    cognito_connection_choices: () => choices(),
    cognito_pools: () => ({ pools: [{ id: 'eu-west-1_A', name: 'Staff' }], nextToken: null }),
    cognito_pool_mfa: () => poolConfig,
    cognito_users: () => null,
    cognito_audit: () => [],
    ...handlers,
  });
}

/** Plays the back end's side of a channel the page opened. */
function emit<T>(channel: FakeChannel<T> | null, message: T): void {
  if (!channel) throw new Error('the page opened no channel');
  channel.onmessage(message);
}

async function connectAndPickPool(): Promise<void> {
  await fireEvent.click(await screen.findByTestId('cognito-connect'));
  const picker = await screen.findByTestId('pool-select');
  await fireEvent.change(picker, { target: { value: 'eu-west-1_A' } });
}

describe('Cognito admin page', () => {
  beforeEach(() => {
    locale.set('en');
  });

  it('offers the local demo when no credentials are configured, and labels it DEMO', async () => {
    backend({
      cognito_connection_choices: () => choices({ credentialsFound: false, profiles: [] }),
      cognito_demo_start: () => connected({ demo: true, profile: null, endpoint: 'http://127.0.0.1:4566' }),
    });
    render(CognitoAdminPage);
    await fireEvent.click(await screen.findByTestId('demo-start'));
    expect((await screen.findByTestId('demo-banner')).textContent).toContain('DEMO');
    expect(screen.getByTestId('demo-badge').textContent).toBe('DEMO');
    expect(screen.queryByTestId('demo-offer')).toBeNull();
    expect(await screen.findByTestId('pool-select')).toBeTruthy();
  });

  it('starts the demo by itself when Kairos was started with --demo', async () => {
    backend({
      cognito_connection_choices: () => choices({ demoRequested: true }),
      cognito_demo_start: () => connected({ demo: true }),
    });
    render(CognitoAdminPage);
    expect(await screen.findByTestId('demo-banner')).toBeTruthy();
    expect(invokeMock).toHaveBeenCalledWith('cognito_demo_start', {});
  });

  it('sends the chosen profile and region, and the endpoint override as configured', async () => {
    let sent: unknown = null;
    backend({
      cognito_connection_choices: () => choices({ endpointOverride: 'http://127.0.0.1:5000', endpointSource: 'env' }),
      cognito_connect: (args) => {
        sent = args.request;
        return connected({ endpoint: 'http://127.0.0.1:5000' });
      },
    });
    render(CognitoAdminPage);
    expect((await screen.findByTestId('cognito-endpoint')).textContent).toContain('from AWS_ENDPOINT_URL');
    await fireEvent.change(screen.getByTestId('cognito-profile'), { target: { value: 'corp' } });
    await fireEvent.click(screen.getByTestId('cognito-connect'));
    expect((await screen.findByTestId('cognito-connected')).textContent).toContain('through http://127.0.0.1:5000');
    expect(sent).toEqual({ profile: 'corp', region: 'eu-west-1', endpoint: 'http://127.0.0.1:5000' });
  });

  it.each([
    [
      'cognito.access_denied',
      'AWS refused the action cognito-idp:ListUserPools.',
      null,
      'not allowed the action cognito-idp:ListUserPools',
    ],
    ['cognito.sso_expired', 'Expired.', 'Run `aws sso login --profile corp` to renew the session.', 'aws sso login --profile corp'],
    ['cognito.unreachable', 'Could not reach Cognito at http://127.0.0.1:1.', null, 'Cognito could not be reached'],
    ['cognito.no_credentials', 'No AWS credentials were found.', null, 'No AWS credentials found'],
  ])('gives %s its own screen', async (code, message, hint, shown) => {
    backend({
      cognito_connect: () => {
        throw { code, message, hint };
      },
    });
    render(CognitoAdminPage);
    await fireEvent.click(await screen.findByTestId('cognito-connect'));
    const problem = await screen.findByTestId('cognito-problem');
    expect(problem.textContent).toContain(shown);
    expect(within(problem).getByTestId('error-code').textContent).toBe(code);
    // No credentials: the demo is offered right there.
    expect(screen.queryByTestId('demo-offer') !== null).toBe(code === 'cognito.no_credentials');
  });

  it('streams users page by page, searches loaded rows and selects them for a bulk change', async () => {
    let channel: FakeChannel<UsersMessage> | null = null;
    backend({
      cognito_connect: () => connected(),
      cognito_users: (args) => {
        channel = args.onPage as FakeChannel<UsersMessage>;
        return new Promise(() => {
          // Still listing: the rows come over the channel.
        });
      },
    });
    render(CognitoAdminPage);
    await connectAndPickPool();
    await vi.waitFor(() => {
      expect(channel).not.toBeNull();
    });
    const user = (username: string, status = 'CONFIRMED') => ({ username, status, enabled: true, email: null, phone: null });
    emit(channel, { kind: 'page', users: [user('ada'), user('alan')] });
    await vi.waitFor(() => {
      expect(screen.getAllByTestId('user-row')).toHaveLength(2);
    });
    expect(screen.getByTestId('users-count').textContent).toContain('Loading… 2 users so far');
    emit(channel, { kind: 'page', users: [user('grace', 'FORCE_CHANGE_PASSWORD')] });
    emit(channel, { kind: 'done', total: 3 });
    await vi.waitFor(() => {
      expect(screen.getByTestId('users-count').textContent).toContain('3 users loaded.');
    });

    await fireEvent.input(screen.getByTestId('users-search'), { target: { value: 'force' } });
    expect(screen.getAllByTestId('user-row').map((r) => r.dataset.username)).toEqual(['grace']);
    const bulk = screen.getByTestId<HTMLButtonElement>('users-bulk');
    expect(bulk.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('users-select-all'));
    expect(bulk.disabled).toBe(false);
    await fireEvent.click(bulk);
    expect((await screen.findByTestId('bulk-dialog')).textContent).toContain('Change MFA of 1 user');
  });

  it('shows the plan before applying and refuses what a check refuses', async () => {
    const plan: PoolMfaPlan = {
      changes: [{ field: 'mfa', before: 'OFF', after: 'ON' }],
      findings: [
        {
          code: 'cognito.preflight.no_factor',
          message: 'MFA ON or OPTIONAL needs at least one factor.',
          hint: 'Enable TOTP.',
          severity: 'refusal',
        },
      ],
      blocked: true,
    };
    let sentSettings: unknown = null;
    backend({
      cognito_connect: () => connected(),
      cognito_pool_mfa_plan: (args) => {
        sentSettings = args.settings;
        return plan;
      },
    });
    render(CognitoAdminPage);
    await connectAndPickPool();
    await fireEvent.click(await screen.findByTestId('pool-mode-ON'));
    await fireEvent.click(screen.getByTestId('pool-review'));
    const dialog = await screen.findByTestId('plan-dialog');
    expect(within(dialog).getByTestId('plan-change-mfa').textContent).toContain('OFF');
    expect(within(dialog).getByTestId('plan-finding').textContent).toContain('Blocks the change');
    expect(within(dialog).getByTestId<HTMLButtonElement>('plan-apply').disabled).toBe(true);
    expect(sentSettings).toEqual({ ...poolConfig.settings, mode: 'ON' });
    expect(invokeMock).not.toHaveBeenCalledWith('cognito_pool_mfa_apply', expect.anything());
  });

  it('reports a bulk change’s progress, then every user’s result with the explanation of failures', async () => {
    let progress: FakeChannel<BulkMessage> | null = null;
    let users: FakeChannel<UsersMessage> | null = null;
    backend({
      cognito_connect: () => connected(),
      cognito_users: (args) => {
        users = args.onPage as FakeChannel<UsersMessage>;
        return null;
      },
      cognito_bulk_start: (args) => {
        progress = args.onProgress as FakeChannel<BulkMessage>;
        expect(args.change).toEqual({ sms: null, email: null, totp: { enabled: true, preferred: true } });
        return new Promise(() => {
          // Running.
        });
      },
      cognito_bulk_cancel: () => null,
    });
    render(CognitoAdminPage);
    await connectAndPickPool();
    await vi.waitFor(() => {
      expect(users).not.toBeNull();
    });
    const row = (username: string) => ({ username, status: 'CONFIRMED', enabled: true, email: null, phone: null });
    emit(users, { kind: 'page', users: [row('a'), row('b')] });
    emit(users, { kind: 'done', total: 2 });
    await fireEvent.click(await screen.findByTestId('users-select-all'));
    await fireEvent.click(screen.getByTestId('users-bulk'));
    await fireEvent.click(await screen.findByTestId('bulk-start'));
    await vi.waitFor(() => {
      expect(progress).not.toBeNull();
    });
    emit(progress, { kind: 'progress', done: 1, total: 2, failed: 1 });
    await vi.waitFor(() => {
      expect(screen.getByTestId('bulk-progress').textContent).toContain('1 of 2 done');
    });
    await fireEvent.click(screen.getByTestId('bulk-stop'));
    expect(invokeMock).toHaveBeenCalledWith('cognito_bulk_cancel', {});
    emit(progress, {
      kind: 'finished',
      cancelled: true,
      results: [
        { username: 'a', outcome: 'cancelled', attempts: 0 },
        {
          username: 'b',
          outcome: 'failed',
          attempts: 1,
          error: {
            code: 'cognito.preflight.totp_not_verified',
            message: 'TOTP is not among the user’s factors.',
            hint: 'Have the user verify an authenticator first.',
            help: 'totp-not-verified',
          },
        },
      ],
    });
    const summary = await screen.findByTestId('bulk-summary');
    expect(summary.textContent).toContain('0 changed, 0 unchanged, 1 failed, 1 not reached');
    expect(screen.getByTestId('bulk-cancelled')).toBeTruthy();
    const results = screen.getAllByTestId('bulk-result');
    expect(results.map((r) => r.dataset.username)).toEqual(['b', 'a']);
    expect(results[0]?.textContent).toContain('Have the user verify an authenticator first.');
    expect(results[0]?.textContent).toContain('cognito.preflight.totp_not_verified');
    // The failure links to its catalogue entry on the Troubleshoot page.
    expect(within(results[0] as HTMLElement).getByTestId('bulk-help-link').getAttribute('href')).toBe(
      '#/troubleshoot/totp-not-verified',
    );
  });
  it('changes a user’s preference (only what changed is sent) and resets the authenticator after confirming', async () => {
    let users: FakeChannel<UsersMessage> | null = null;
    const ada = {
      username: 'ada',
      status: 'CONFIRMED',
      enabled: true,
      mfaSettings: ['SOFTWARE_TOKEN_MFA' as const],
      preferred: 'SOFTWARE_TOKEN_MFA' as const,
      phone: '+15550100',
      phoneVerified: true,
      email: null,
      emailVerified: false,
    };
    let sentChange: unknown = null;
    backend({
      cognito_connect: () => connected(),
      cognito_users: (args) => {
        users = args.onPage as FakeChannel<UsersMessage>;
        return null;
      },
      cognito_user_mfa: () => ada,
      cognito_user_mfa_set: (args) => {
        sentChange = args.change;
        return { ...ada, mfaSettings: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], preferred: 'SMS_MFA' };
      },
      cognito_reset_totp: () => ({ ...ada, mfaSettings: [], preferred: null }),
    });
    render(CognitoAdminPage);
    await connectAndPickPool();
    await vi.waitFor(() => {
      expect(users).not.toBeNull();
    });
    emit(users, { kind: 'page', users: [{ username: 'ada', status: 'CONFIRMED', enabled: true, email: null, phone: null }] });
    await fireEvent.click(await screen.findByTestId('user-open-ada'));
    expect((await screen.findByTestId('user-preferred')).textContent).toContain('Authenticator app (TOTP)');
    await fireEvent.change(screen.getByTestId('user-prefer'), { target: { value: 'sms' } });
    await fireEvent.click(screen.getByTestId('user-save'));
    expect(await screen.findByTestId('user-saved')).toBeTruthy();
    expect(sentChange).toEqual({
      sms: { enabled: true, preferred: true },
      totp: { enabled: true, preferred: false },
      email: null,
    });
    expect(screen.getByTestId('user-preferred').textContent).toContain('SMS');

    // Reset asks first; nothing is sent before the confirmation.
    await fireEvent.click(screen.getByTestId('user-reset'));
    expect(screen.getByTestId('user-reset-confirm').textContent).toContain('Reset the authenticator of ada?');
    expect(invokeMock).not.toHaveBeenCalledWith('cognito_reset_totp', expect.anything());
    await fireEvent.click(screen.getByTestId('user-reset-yes'));
    expect(await screen.findByTestId('user-reset-done')).toBeTruthy();
    expect(invokeMock).toHaveBeenCalledWith('cognito_reset_totp', { poolId: 'eu-west-1_A', username: 'ada' });
    expect(screen.getByTestId('user-factors').textContent).toContain('No factor set up');
  });
});
