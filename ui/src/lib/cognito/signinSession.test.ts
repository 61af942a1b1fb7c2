import { describe, expect, it } from 'vitest';
import { toAppError } from '../ipc';
import { keptAccount, lockoutMs, restartReason, sessionMinutes } from './signinSession';

describe('reading a failed sign-in step', () => {
  it('keeps the sign-in fields of a back-end error and nothing made up', () => {
    const error = toAppError(
      { code: 'cognito.signin_refused', message: 'm', hint: null, restartNeeded: false, keptAccountId: 7, retryAfterMs: 32_000 },
      'signin_enrol',
    );
    expect(error).toEqual({ code: 'cognito.signin_refused', message: 'm', hint: null, keptAccountId: 7, retryAfterMs: 32_000 });
    expect(keptAccount(error)).toBe(7);
    expect(lockoutMs(error)).toBe(32_000);
    const plain = toAppError({ code: 'x', message: 'm', hint: null, keptAccountId: null, retryAfterMs: 'soon' }, 'signin_start');
    expect(plain).toEqual({ code: 'x', message: 'm', hint: null });
    expect(keptAccount(plain)).toBeNull();
    expect(lockoutMs(plain)).toBeNull();
    expect(lockoutMs({ ...plain, retryAfterMs: 0 })).toBeNull();
  });

  it('tells the restart reasons apart by code or catalogue entry', () => {
    const base = { message: 'm', hint: null };
    expect(restartReason({ ...base, code: 'cognito.signin_session_used' })).toBe('used');
    expect(restartReason({ ...base, code: 'cognito.signin_refused', help: 'session-used-twice' })).toBe('used');
    expect(restartReason({ ...base, code: 'cognito.signin_session_expired' })).toBe('expired');
    expect(restartReason({ ...base, code: 'cognito.signin_refused', help: 'session-expired' })).toBe('expired');
    expect(restartReason({ ...base, code: 'cognito.signin_refused', help: 'session-invalid' })).toBe('invalid');
    expect(restartReason({ ...base, code: 'cognito.signin_nothing_pending' })).toBe('lost');
  });

  it('rounds a session’s length to whole minutes, at least one', () => {
    expect(sessionMinutes(1000, 1000 + 180_000)).toBe(3);
    expect(sessionMinutes(1000, 1000 + 179_400)).toBe(3);
    expect(sessionMinutes(0, 15 * 60_000)).toBe(15);
    expect(sessionMinutes(0, 10_000)).toBe(1);
  });
});
