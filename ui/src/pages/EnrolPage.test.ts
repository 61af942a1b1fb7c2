import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChallengeKind, ChallengeView, EnrolProgressView, TokenClaims } from '../lib/cognito/signin';
import type { RememberedConnection, SignedInView } from '../lib/cognito/signinSession';
import { locale } from '../i18n';
import { deferred, fakeBackend, type FakeChannel } from '../test/helpers';
import EnrolPage from './EnrolPage.svelte';

vi.mock('@tauri-apps/api/core', async () => ({
  invoke: vi.fn(),
  Channel: (await import('../test/helpers')).FakeChannel,
}));
const invokeMock = vi.mocked(invoke);

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

function challenge(
  kind: ChallengeKind['name'] | ChallengeKind,
  leftMs: number,
  extra: Partial<ChallengeView> & { availableChallenges?: string[]; unsupportedChallenges?: string[] } = {},
): ChallengeView {
  const named = typeof kind === 'string' ? ({ name: kind } as ChallengeKind) : kind;
  return { kind: named, expiresAtMs: Date.now() + leftMs, mfasCanSetup: [], codeDestination: null, ...extra };
}

const CLAIMS: TokenClaims = {
  username: 'alice',
  sub: 'sub-1',
  email: 'alice@example.com',
  issuer: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_abc',
  clientId: 'client1',
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_003_600,
  groups: [],
};

function signedInView(over: Partial<SignedInView> = {}): SignedInView {
  return {
    poolId: 'eu-west-3_abc',
    clientId: 'client1',
    username: 'alice',
    claims: CLAIMS,
    access: {
      scope: ['aws.cognito.signin.user.admin'],
      tokenUse: 'access',
      authTime: 1_700_000_000,
      expiresAt: 1_700_003_600,
      expiresIn: 3600,
    },
    refreshAvailable: true,
    staysSignedIn: false,
    ...over,
  };
}

const connection = (over: Partial<RememberedConnection> = {}): RememberedConnection => ({
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:5000',
  poolId: 'eu-west-1_pool',
  clientId: 'client9',
  username: 'bob',
  secretRemembered: false,
  staysSignedIn: false,
  ...over,
});

const text = (testid: string): string => screen.getByTestId(testid).textContent.trim();
const calls = (cmd: string): unknown[] => invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);

function backend(handlers: Handlers): void {
  fakeBackend(invokeMock, {
    signin_cancel: () => null,
    signin_connections: () => [],
    signin_signed_in: () => signedInView(),
    list_accounts: () => [],
    ...handlers,
  });
}

async function fillAndStart(): Promise<void> {
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
}

async function signIn(handlers: Handlers, onnavigate = vi.fn()): Promise<void> {
  backend(handlers);
  render(EnrolPage, { props: { onnavigate } });
  await fillAndStart();
  await screen.findByTestId('signin-challenge');
}

afterEach(() => {
  vi.useRealTimers();
  invokeMock.mockReset();
  locale.set('en');
});

describe('Sign-in page', () => {
  it('sends the connection fields and counts the session down in mm:ss', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    await signIn({ signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 180_000) }) });
    expect(calls('signin_start')[0]).toMatchObject({
      region: 'eu-west-3',
      endpoint: null,
      poolId: 'eu-west-3_abc',
      clientId: 'client1',
      clientSecret: null,
      username: 'alice',
      password: 'Temp-Pass1',
      flow: 'userSrp',
      rememberSecret: false,
    });
    expect(text('signin-countdown')).toContain('03:00');
    expect(screen.getByTestId('signin-new-password')).toBeTruthy();
    vi.advanceTimersByTime(61_000);
    await vi.waitFor(() => {
      expect(text('signin-countdown')).toContain('01:59');
    });
    vi.advanceTimersByTime(120_000);
    await screen.findByTestId('signin-expired');
    expect(text('signin-expired')).toContain('Session expired after 3 minutes: start again');
  });

  it('offers the choice-based flow, sends the first factor asked for, and lets the password be empty', async () => {
    backend({ signin_start: () => ({ step: 'challenge', challenge: challenge('emailOtp', 180_000) }) });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    expect(screen.queryByTestId('signin-first-factor')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('signin-password').required).toBe(true);
    await fireEvent.change(screen.getByTestId('signin-flow'), { target: { value: 'userAuth' } });
    expect(screen.getByTestId<HTMLInputElement>('signin-password').required).toBe(false);
    await fireEvent.change(screen.getByTestId('signin-first-factor'), { target: { value: 'EMAIL_OTP' } });
    const fields: [string, string][] = [
      ['signin-pool', 'eu-west-3_abc'],
      ['signin-client', 'client1'],
      ['signin-username', 'alice'],
    ];
    for (const [testid, value] of fields) {
      await fireEvent.input(screen.getByTestId(testid), { target: { value } });
    }
    await fireEvent.submit(screen.getByTestId('signin-form'));
    await screen.findByTestId('signin-challenge');
    expect(calls('signin_start')[0]).toMatchObject({ flow: 'userAuth', preferredChallenge: 'EMAIL_OTP', password: '' });
  });

  it('lets Cognito offer the choices when no first factor is picked, and sends none with other flows', async () => {
    await signIn({ signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 180_000) }) });
    expect(calls('signin_start')[0]).toMatchObject({ flow: 'userSrp', preferredChallenge: null });
  });

  it('names the app client’s own session length when it is longer', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    await signIn({ signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 15 * 60_000) }) });
    vi.advanceTimersByTime(15 * 60_000 + 1000);
    await screen.findByTestId('signin-expired');
    expect(text('signin-expired')).toContain('Session expired after 15 minutes: start again');
  });

  it('explains a spent session in its own words, not as a raw error, and starts again', async () => {
    await signIn({
      signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 150_000) }),
      signin_answer: () => {
        throw {
          code: 'cognito.signin_refused',
          message: 'Session used twice (NotAuthorizedException: Invalid session for the user, session can only be used once.)',
          hint: 'Sign in again.',
          help: 'session-used-twice',
          restartNeeded: true,
        };
      },
    });
    await fireEvent.input(screen.getByTestId('signin-new-password'), { target: { value: 'New-Pass1!' } });
    await fireEvent.click(screen.getByTestId('signin-submit-password'));
    await screen.findByTestId('signin-expired');
    expect(screen.getByTestId('signin-expired').dataset.reason).toBe('used');
    expect(text('signin-expired')).toContain('This step was already answered: start again');
    expect(screen.queryByTestId('error-notice')).toBeNull();
    expect(calls('signin_answer')[0]).toEqual({ newPassword: 'New-Pass1!', code: null });
    await fireEvent.click(screen.getByTestId('signin-start-again'));
    await screen.findByTestId('signin-form');
    expect(calls('signin_cancel')).toHaveLength(1);
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
    finished.resolve({ accountId: 7, issuer: 'AWS Cognito: eu-west-3_abc', label: 'alice', claims: CLAIMS });
    await screen.findByTestId('signin-done');
    expect(text('signin-enrolled')).toContain('AWS Cognito: eu-west-3_abc');
    await fireEvent.click(screen.getByTestId('signin-go-codes'));
    expect(onnavigate).toHaveBeenCalledWith('codes');
  });

  it('says which account was kept unverified, and why, with a way to the codes', async () => {
    const onnavigate = vi.fn();
    await signIn(
      {
        signin_start: () => ({ step: 'challenge', challenge: challenge('mfaSetup', 150_000) }),
        signin_enrol: () => {
          throw {
            code: 'cognito.signin_refused',
            message: 'Wrong code (CodeMismatchException: Invalid code received for user)',
            hint: 'Check the clock.',
            help: 'code-mismatch-clock-skew',
            restartNeeded: false,
            keptAccountId: 7,
          };
        },
      },
      onnavigate,
    );
    await fireEvent.click(screen.getByTestId('signin-enrol'));
    await screen.findByTestId('signin-kept');
    expect(text('signin-kept')).toContain(
      'Account kept, not verified: Wrong code (CodeMismatchException: Invalid code received for user)',
    );
    // The catalogue's explanation is there too.
    expect(text('error-hint')).toBe('Check the clock.');
    expect(screen.getByTestId('error-help-link').getAttribute('href')).toContain('code-mismatch-clock-skew');
    await fireEvent.click(screen.getByTestId('signin-kept-codes'));
    expect(onnavigate).toHaveBeenCalledWith('codes');
  });
});

describe('Remembered connections', () => {
  it('lists them, fills the form from one, and forgets one with its secrets', async () => {
    const bob = connection({ secretRemembered: true });
    const carol = connection({ poolId: 'eu-west-1_other', clientId: 'c2', username: 'carol', endpoint: null });
    backend({
      signin_connections: () => [bob, carol],
      signin_connection_forget: () => [carol],
    });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    await vi.waitFor(() => {
      expect(screen.getAllByTestId('signin-remembered-item')).toHaveLength(2);
    });
    expect(screen.getAllByTestId('signin-remembered-secret')).toHaveLength(1);
    await fireEvent.click(screen.getAllByTestId('signin-remembered-use')[0] as HTMLElement);
    expect(screen.getByTestId<HTMLInputElement>('signin-pool').value).toBe('eu-west-1_pool');
    expect(screen.getByTestId<HTMLInputElement>('signin-client').value).toBe('client9');
    expect(screen.getByTestId<HTMLInputElement>('signin-username').value).toBe('bob');
    expect(screen.getByTestId<HTMLInputElement>('signin-region').value).toBe('eu-west-1');
    expect(screen.getByTestId<HTMLInputElement>('signin-endpoint').value).toBe('http://127.0.0.1:5000');
    // The secret itself never reaches the window: the field stays empty, a note says one is kept.
    expect(screen.getByTestId<HTMLInputElement>('signin-secret').value).toBe('');
    expect(screen.getByTestId('signin-secret-remembered')).toBeTruthy();
    await fireEvent.click(screen.getAllByTestId('signin-remembered-forget')[0] as HTMLElement);
    await vi.waitFor(() => {
      expect(screen.getAllByTestId('signin-remembered-item')).toHaveLength(1);
    });
    expect(calls('signin_connection_forget')).toEqual([{ poolId: 'eu-west-1_pool', clientId: 'client9' }]);
    expect(screen.queryByTestId('signin-secret-remembered')).toBeNull();
  });

  it('sends a typed secret once with “remember”, then clears it from the form', async () => {
    let remembered: RememberedConnection[] = [];
    backend({
      signin_connections: () => remembered,
      signin_start: (args) => {
        remembered = [
          connection({ poolId: 'eu-west-3_abc', clientId: 'client1', username: 'alice', secretRemembered: args.rememberSecret === true }),
        ];
        return { step: 'challenge', challenge: challenge('newPasswordRequired', 150_000) };
      },
    });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    await fireEvent.input(screen.getByTestId('signin-secret'), { target: { value: 's3cret' } });
    await fireEvent.click(screen.getByTestId('signin-remember-secret'));
    await fillAndStart();
    await screen.findByTestId('signin-challenge');
    expect(calls('signin_start')[0]).toMatchObject({ clientSecret: 's3cret', rememberSecret: true });
    await fireEvent.click(screen.getByTestId('signin-cancel'));
    await screen.findByTestId('signin-form');
    expect(screen.getByTestId<HTMLInputElement>('signin-secret').value).toBe('');
    expect(screen.getByTestId('signin-secret-remembered')).toBeTruthy();
    expect(screen.queryByTestId('signin-secret-not-kept')).toBeNull();
  });

  it('says so when a secret to remember could not be kept', async () => {
    backend({ signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 150_000) }) });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    await fireEvent.input(screen.getByTestId('signin-secret'), { target: { value: 's3cret' } });
    await fireEvent.click(screen.getByTestId('signin-remember-secret'));
    await fillAndStart();
    await screen.findByTestId('signin-challenge');
    await fireEvent.click(screen.getByTestId('signin-cancel'));
    await screen.findByTestId('signin-secret-not-kept');
  });

  it('signs in again with a kept refresh token, without a password', async () => {
    backend({
      signin_connections: () => [connection({ staysSignedIn: true })],
      signin_resume: () => ({ step: 'signedIn', claims: CLAIMS }),
      signin_signed_in: () => signedInView({ staysSignedIn: true }),
    });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    await fireEvent.click(await screen.findByTestId('signin-remembered-resume'));
    await screen.findByTestId('signin-done');
    expect(calls('signin_resume')).toEqual([{ poolId: 'eu-west-1_pool', clientId: 'client9' }]);
    expect(screen.getByTestId<HTMLInputElement>('signin-stay').checked).toBe(true);
  });
});

describe('Challenges, rendered by what they ask', () => {
  it('turns a list of choices into buttons and sends the one clicked', async () => {
    await signIn({
      signin_start: () => ({
        step: 'challenge',
        challenge: challenge('selectChallenge', 150_000, {
          availableChallenges: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
          unsupportedChallenges: ['WEB_AUTHN'],
        }),
      }),
      signin_answer: () => ({ step: 'challenge', challenge: challenge('emailOtp', 150_000, { codeDestination: 'a***@e***' }) }),
    });
    expect(text('signin-choice-PASSWORD')).toBe('Password');
    expect(screen.getByTestId<HTMLButtonElement>('signin-choice-WEB_AUTHN').disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('signin-choice-EMAIL_OTP'));
    await vi.waitFor(() => {
      expect(screen.getByTestId('signin-challenge').dataset.kind).toBe('emailOtp');
    });
    expect(calls('signin_answer')[0]).toEqual({ newPassword: null, code: null, choice: 'EMAIL_OTP' });
    expect(text('signin-code-destination')).toBe('Code sent to a***@e***');
    expect(screen.queryByTestId('signin-from-vault')).toBeNull();
  });

  it('offers SELECT_MFA_TYPE’s factors as choices', async () => {
    await signIn({
      signin_start: () => ({
        step: 'challenge',
        challenge: challenge('selectMfaType', 150_000, { availableChallenges: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] }),
      }),
    });
    expect(text('signin-choice-SOFTWARE_TOKEN_MFA')).toBe('Authenticator app code');
    expect(text('signin-choice-SMS_MFA')).toBe('Code by SMS');
  });

  it('shows the masked destination of an SMS code and sends the typed code', async () => {
    await signIn({
      signin_start: () => ({ step: 'challenge', challenge: challenge('smsMfa', 150_000, { codeDestination: '+*******0100' }) }),
      signin_answer: () => ({ step: 'signedIn', claims: CLAIMS }),
    });
    expect(text('signin-code-destination')).toBe('Code sent to +*******0100');
    await fireEvent.input(screen.getByTestId('signin-code'), { target: { value: '123456' } });
    await fireEvent.click(screen.getByTestId('signin-submit-code'));
    await screen.findByTestId('signin-done');
    expect(calls('signin_answer')[0]).toEqual({ newPassword: null, code: '123456' });
  });

  it('says when Kairos cannot answer a step', async () => {
    await signIn({
      signin_start: () => ({ step: 'challenge', challenge: challenge({ name: 'other', raw: 'CUSTOM_CHALLENGE' }, 150_000) }),
    });
    expect(text('signin-unsupported')).toContain('cannot answer');
  });
});

describe('Test sign-in', () => {
  const account = (id: number, issuer: string, kind = 'totp'): Record<string, unknown> => ({
    id,
    issuer,
    label: 'alice',
    kind,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    pinned: false,
    color: null,
    warning: null,
  });

  it('answers SOFTWARE_TOKEN_MFA with the chosen account’s code and shows claims, scope and expiry', async () => {
    await signIn({
      signin_start: () => ({ step: 'challenge', challenge: challenge('softwareTokenMfa', 150_000) }),
      list_accounts: () => [account(3, 'GitHub'), account(5, 'HOTP thing', 'hotp'), account(7, 'AWS Cognito: eu-west-3_abc')],
      signin_answer_with_account: () => ({ step: 'signedIn', claims: CLAIMS }),
    });
    expect(text('signin-code-destination')).toBe('Code from your authenticator app');
    const pick = await screen.findByTestId<HTMLSelectElement>('signin-account-pick');
    // Only TOTP accounts can answer.
    expect(Array.from(pick.options).map((o) => o.value)).toEqual(['3', '7']);
    await fireEvent.change(pick, { target: { value: '7' } });
    await fireEvent.click(screen.getByTestId('signin-use-account'));
    await screen.findByTestId('signin-done');
    expect(calls('signin_answer_with_account')).toEqual([{ accountId: 7 }]);
    expect(text('signin-success')).toBe('Test sign-in succeeded');
    expect(text('signin-claim-username')).toBe('alice');
    expect(text('signin-claim-email')).toBe('alice@example.com');
    expect(text('signin-claim-scope')).toBe('aws.cognito.signin.user.admin');
    expect(text('signin-claim-expires')).toBe(new Date(1_700_003_600 * 1000).toLocaleString());
    // Claims only: nothing that looks like a JWT reaches the page.
    expect(document.body.textContent).not.toMatch(/eyJ/);
  });

  it('asks to unlock the vault rather than offering accounts it cannot read', async () => {
    await signIn({
      signin_start: () => ({ step: 'challenge', challenge: challenge('softwareTokenMfa', 150_000) }),
      list_accounts: () => {
        throw { code: 'vault.locked', message: 'The vault is locked.', hint: null };
      },
    });
    await vi.waitFor(() => {
      expect(text('signin-from-vault')).toContain('Unlock the vault');
    });
    expect(screen.queryByTestId('signin-use-account')).toBeNull();
  });

  it('keeps the refresh token when “stay signed in” is ticked, and forgets it on sign-out', async () => {
    let stays = false;
    await signIn({
      signin_start: () => ({ step: 'challenge', challenge: challenge('softwareTokenMfa', 150_000) }),
      signin_answer: () => ({ step: 'signedIn', claims: CLAIMS }),
      signin_signed_in: () => signedInView({ staysSignedIn: stays }),
      signin_stay_signed_in: (args) => {
        stays = args.keep === true;
        return signedInView({ staysSignedIn: stays });
      },
      signin_sign_out: () => {
        stays = false;
        return null;
      },
    });
    await fireEvent.input(screen.getByTestId('signin-code'), { target: { value: '123456' } });
    await fireEvent.click(screen.getByTestId('signin-submit-code'));
    const stay = await screen.findByTestId<HTMLInputElement>('signin-stay');
    expect(stay.checked).toBe(false);
    await fireEvent.click(stay);
    await vi.waitFor(() => {
      expect(screen.getByTestId<HTMLInputElement>('signin-stay').checked).toBe(true);
    });
    expect(calls('signin_stay_signed_in')).toEqual([{ keep: true }]);
    await fireEvent.click(screen.getByTestId('signin-sign-out'));
    await screen.findByTestId('signin-signed-out');
    expect(calls('signin_sign_out')).toHaveLength(1);
    expect(screen.getByTestId('signin-form')).toBeTruthy();
  });

  it('keeps the refresh token right after sign-in when asked on the form', async () => {
    backend({
      signin_start: () => ({ step: 'signedIn', claims: CLAIMS }),
      signin_stay_signed_in: () => signedInView({ staysSignedIn: true }),
    });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    await fireEvent.click(screen.getByTestId('signin-stay-after'));
    await fillAndStart();
    await screen.findByTestId('signin-done');
    await vi.waitFor(() => {
      expect(calls('signin_stay_signed_in')).toEqual([{ keep: true }]);
    });
  });

  it('says when Cognito gave no refresh token to keep', async () => {
    backend({
      signin_start: () => ({ step: 'signedIn', claims: CLAIMS }),
      signin_signed_in: () => signedInView({ refreshAvailable: false }),
    });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    await fillAndStart();
    await screen.findByTestId('signin-no-refresh');
    expect(screen.queryByTestId('signin-stay')).toBeNull();
  });
});

describe('Lock-out', () => {
  it('counts the wait down from the back end’s value and keeps “Sign in” disabled until then', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    backend({
      signin_start: () => {
        throw {
          code: 'cognito.signin_refused',
          message: 'Too many failed attempts (NotAuthorizedException: Password attempts exceeded)',
          hint: 'Wait, then try again.',
          help: 'password-attempts-exceeded',
          restartNeeded: false,
          retryAfterMs: 32_000,
        };
      },
    });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    await fillAndStart();
    await screen.findByTestId('signin-lockout');
    expect(text('signin-lockout-countdown')).toBe('Try again in 00:32');
    expect(screen.getByTestId<HTMLButtonElement>('signin-start').disabled).toBe(true);
    // The catalogue's explanation is shown beside the countdown.
    expect(text('error-hint')).toBe('Wait, then try again.');
    vi.advanceTimersByTime(20_000);
    await vi.waitFor(() => {
      expect(text('signin-lockout-countdown')).toBe('Try again in 00:12');
    });
    vi.advanceTimersByTime(13_000);
    await vi.waitFor(() => {
      expect(text('signin-lockout-countdown')).toBe('You can try again now.');
    });
    expect(screen.getByTestId<HTMLButtonElement>('signin-start').disabled).toBe(false);
  });

  it('shows no countdown for a plain wrong password', async () => {
    backend({
      signin_start: () => {
        throw { code: 'cognito.signin_refused', message: 'Wrong password', hint: null, help: 'wrong-password', restartNeeded: false };
      },
    });
    render(EnrolPage, { props: { onnavigate: vi.fn() } });
    await fillAndStart();
    await screen.findByTestId('error-notice');
    expect(screen.queryByTestId('signin-lockout')).toBeNull();
  });
});

describe('In French', () => {
  it('words the restart and the lock-out in French', async () => {
    locale.set('fr');
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    await signIn({ signin_start: () => ({ step: 'challenge', challenge: challenge('newPasswordRequired', 180_000) }) });
    vi.advanceTimersByTime(181_000);
    await screen.findByTestId('signin-expired');
    expect(text('signin-expired')).toContain('Session expirée après 3 minutes\u00a0: recommencez');
  });
});
