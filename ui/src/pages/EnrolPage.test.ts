import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChallengeView, EnrolProgressView } from '../lib/cognito/signin';
import { deferred, fakeBackend, type FakeChannel } from '../test/helpers';
import EnrolPage from './EnrolPage.svelte';

vi.mock('@tauri-apps/api/core', async () => ({
  invoke: vi.fn(),
  Channel: (await import('../test/helpers')).FakeChannel,
}));
const invokeMock = vi.mocked(invoke);

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

function challenge(name: 'newPasswordRequired' | 'mfaSetup', leftMs: number): ChallengeView {
  return { kind: { name }, expiresAtMs: Date.now() + leftMs, mfasCanSetup: [], codeDestination: null };
}

const text = (testid: string): string => screen.getByTestId(testid).textContent.trim();

async function signIn(handlers: Handlers, onnavigate = vi.fn()): Promise<void> {
  fakeBackend(invokeMock, { signin_cancel: () => null, ...handlers });
  render(EnrolPage, { props: { onnavigate } });
  const fields: [string, string][] = [
    ['signin-pool', 'eu-west-3_abc'],
    ['signin-client', 'client1'],
    ['signin-username', 'alice'],
    ['signin-password', 'Temp-Pass1'],
  ];
  for (const [testid, value] of fields) {
    await fireEvent.input(screen.getByTestId(testid), { target: { value } });
  }
  await fireEvent.submit(screen.getByTestId('signin-form'));
  await screen.findByTestId('signin-challenge');
}

afterEach(() => {
  vi.useRealTimers();
  invokeMock.mockReset();
});

describe('Sign-in page', () => {
  it('sends the connection fields and counts the session down in mm:ss', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    await signIn({ signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 150_000) }) });
    const start = invokeMock.mock.calls.find(([cmd]) => cmd === 'signin_start');
    expect(start?.[1]).toMatchObject({
      region: 'eu-west-3',
      endpoint: null,
      poolId: 'eu-west-3_abc',
      clientId: 'client1',
      clientSecret: null,
      username: 'alice',
      password: 'Temp-Pass1',
      flow: 'userSrp',
    });
    expect(text('signin-countdown')).toContain('02:30');
    expect(screen.getByTestId('signin-new-password')).toBeTruthy();
    vi.advanceTimersByTime(61_000);
    await vi.waitFor(() => {
      expect(text('signin-countdown')).toContain('01:29');
    });
    vi.advanceTimersByTime(90_000);
    await screen.findByTestId('signin-expired');
    expect(text('signin-expired')).toContain('3 minutes');
  });

  it('shows the start-again card, not the raw error, when the session must restart', async () => {
    await signIn({
      signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 150_000) }),
      signin_answer: () => {
        throw {
          code: 'cognito.signin_session_expired',
          message: 'This sign-in step waited too long; its session has expired.',
          hint: null,
          restartNeeded: true,
        };
      },
    });
    await fireEvent.input(screen.getByTestId('signin-new-password'), { target: { value: 'New-Pass1!' } });
    await fireEvent.click(screen.getByTestId('signin-submit-password'));
    await screen.findByTestId('signin-expired');
    expect(screen.queryByTestId('error-notice')).toBeNull();
    const answer = invokeMock.mock.calls.find(([cmd]) => cmd === 'signin_answer');
    expect(answer?.[1]).toEqual({ newPassword: 'New-Pass1!', code: null });
    await fireEvent.click(screen.getByTestId('signin-start-again'));
    await screen.findByTestId('signin-form');
    expect(invokeMock.mock.calls.some(([cmd]) => cmd === 'signin_cancel')).toBe(true);
  });

  it('shows other errors with their message and hint, keeping the challenge', async () => {
    await signIn({
      signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 150_000) }),
      signin_answer: () => {
        throw {
          code: 'cognito.signin_refused',
          message: 'Password does not conform to policy',
          hint: 'Use a longer password.',
          restartNeeded: false,
        };
      },
    });
    await fireEvent.input(screen.getByTestId('signin-new-password'), { target: { value: 'short' } });
    await fireEvent.click(screen.getByTestId('signin-submit-password'));
    await screen.findByTestId('error-notice');
    expect(text('error-message')).toBe('Password does not conform to policy');
    expect(text('error-hint')).toBe('Use a longer password.');
    expect(screen.queryByTestId('signin-expired')).toBeNull();
    expect(screen.getByTestId('signin-challenge')).toBeTruthy();
  });

  it('ticks each enrolment step as its progress arrives, then links to the codes', async () => {
    const finished = deferred<unknown>();
    let progress: FakeChannel<EnrolProgressView> | null = null;
    const onnavigate = vi.fn();
    await signIn(
      {
        signin_start: () => ({ step: 'challenge', challenge: challenge('mfaSetup', 150_000) }),
        signin_enrol: (args) => {
          progress = args.onProgress as FakeChannel<EnrolProgressView>;
          return finished.promise;
        },
      },
      onnavigate,
    );
    await fireEvent.click(screen.getByTestId('signin-enrol'));
    await vi.waitFor(() => {
      expect(progress).not.toBeNull();
    });
    const send = (message: EnrolProgressView): void => {
      progress?.onmessage(message);
    };
    send({ step: 'associating', accountId: null });
    send({ step: 'stored', accountId: 7 });
    await vi.waitFor(() => {
      expect(screen.getByTestId('signin-step-stored').dataset.state).toBe('done');
    });
    expect(screen.getByTestId('signin-step-associating').dataset.state).toBe('done');
    expect(screen.getByTestId('signin-step-verifying').dataset.state).toBe('running');
    expect(screen.getByTestId('signin-step-done').dataset.state).toBe('waiting');
    finished.resolve({
      accountId: 7,
      issuer: 'AWS Cognito: eu-west-3_abc',
      label: 'alice',
      claims: { username: 'alice', sub: null, email: null, issuer: null, clientId: null, issuedAt: null, expiresAt: null, groups: [] },
    });
    await screen.findByTestId('signin-done');
    expect(text('signin-enrolled')).toContain('AWS Cognito: eu-west-3_abc');
    await fireEvent.click(screen.getByTestId('signin-go-codes'));
    expect(onnavigate).toHaveBeenCalledWith('codes');
  });
});
