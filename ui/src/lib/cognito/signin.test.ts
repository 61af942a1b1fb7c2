import { describe, expect, it } from 'vitest';
import { choiceSupported, mmss, restartNeeded, retryAfterMs, type ChallengeView } from './signin';

const selectChallenge: ChallengeView = {
  kind: { name: 'selectChallenge' },
  expiresAtMs: 0,
  mfasCanSetup: [],
  codeDestination: null,
  availableChallenges: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
  unsupportedChallenges: ['WEB_AUTHN'],
};

describe('sign-in helpers', () => {
  it('reads the lock-out left from an error, ignoring other errors', () => {
    expect(retryAfterMs({ code: 'cognito.signin_refused', retryAfterMs: 8000 })).toBe(8000);
    expect(retryAfterMs({ code: 'cognito.signin_refused', retryAfterMs: null })).toBeNull();
    expect(retryAfterMs({ code: 'x', retryAfterMs: 0 })).toBeNull();
    expect(retryAfterMs('boom')).toBeNull();
  });

  it('marks passkeys as a choice this client cannot answer', () => {
    expect(choiceSupported(selectChallenge, 'PASSWORD')).toBe(true);
    expect(choiceSupported(selectChallenge, 'WEB_AUTHN')).toBe(false);
    const older: ChallengeView = { ...selectChallenge, unsupportedChallenges: undefined };
    expect(choiceSupported(older, 'WEB_AUTHN')).toBe(true);
  });

  it('says when to restart and formats countdowns', () => {
    expect(restartNeeded({ restartNeeded: true })).toBe(true);
    expect(restartNeeded({})).toBe(false);
    expect(mmss(61_000)).toBe('01:01');
    expect(mmss(-5)).toBe('00:00');
  });
});
