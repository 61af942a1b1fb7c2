import { describe, expect, it } from 'vitest';
import {
  appendPage,
  bulkChange,
  changeFrom,
  connectionProblem,
  countOutcomes,
  deniedAction,
  formFromUser,
  isEmptyChange,
  normaliseSettings,
  prefer,
  sameSettings,
  searchRows,
  selectionState,
  setEnabled,
  sortResults,
  ssoCommand,
  summariseAuditValue,
  toggle,
  toggleAll,
  withSms,
} from './model';
import type { PoolMfaSettings, UserMfa, UserRow } from './types';

const row = (username: string, extra: Partial<UserRow> = {}): UserRow => ({
  username,
  email: `${username}@example.com`,
  phone: null,
  status: 'CONFIRMED',
  enabled: true,
  ...extra,
});

const user = (extra: Partial<UserMfa> = {}): UserMfa => ({
  username: 'ada',
  status: 'CONFIRMED',
  enabled: true,
  mfaSettings: [],
  preferred: null,
  phone: null,
  phoneVerified: false,
  email: 'ada@example.com',
  emailVerified: true,
  ...extra,
});

const off: PoolMfaSettings = { mode: 'OFF', totpEnabled: false, sms: null, email: null, webAuthn: null };

describe('searching loaded users', () => {
  const rows = [row('ada.lovelace'), row('alan.turing', { status: 'FORCE_CHANGE_PASSWORD' }), row('grace', { phone: '+15550100' })];

  it('matches every word anywhere in the row, ignoring case', () => {
    expect(searchRows(rows, 'ADA').map((r) => r.username)).toEqual(['ada.lovelace']);
    expect(searchRows(rows, 'force alan').map((r) => r.username)).toEqual(['alan.turing']);
    expect(searchRows(rows, '5550100').map((r) => r.username)).toEqual(['grace']);
    expect(searchRows(rows, 'ada turing')).toEqual([]);
  });

  it('returns every row for an empty query', () => {
    expect(searchRows(rows, '   ')).toHaveLength(3);
  });
});

describe('selection', () => {
  const rows = [row('a'), row('b'), row('c')];

  it('toggles one user', () => {
    const once = toggle(new Set(), 'a');
    expect([...once]).toEqual(['a']);
    expect([...toggle(once, 'a')]).toEqual([]);
  });

  it('selects every visible row, then clears them, leaving hidden ones alone', () => {
    const hidden = new Set(['z']);
    const all = toggleAll(hidden, rows);
    expect([...all].sort()).toEqual(['a', 'b', 'c', 'z']);
    expect(selectionState(all, rows)).toBe('all');
    expect([...toggleAll(all, rows)]).toEqual(['z']);
  });

  it('reports a partial selection', () => {
    expect(selectionState(new Set(['b']), rows)).toBe('some');
    expect(selectionState(new Set(), rows)).toBe('none');
    expect(selectionState(new Set(), [])).toBe('none');
  });
});

describe('streamed pages', () => {
  it('appends in order and drops a username already loaded', () => {
    const first = appendPage([], [row('a'), row('b')]);
    const second = appendPage(first, [row('b', { status: 'X' }), row('c')]);
    expect(second.map((r) => r.username)).toEqual(['a', 'b', 'c']);
    expect(second[1]?.status).toBe('CONFIRMED');
  });
});

describe('pool MFA settings', () => {
  it('turns SMS on with empty fields and off again', () => {
    const on = withSms(off, true);
    expect(on.sms).toEqual({ roleArn: '', externalId: null, snsRegion: null, message: null });
    expect(withSms(on, false).sms).toBeNull();
    // Turning it on again keeps what was typed.
    const typed = { ...on, sms: { roleArn: 'arn', externalId: 'x', snsRegion: null, message: null } };
    expect(withSms(typed, true).sms?.roleArn).toBe('arn');
  });

  it('normalises blank text to null and drops an empty WebAuthn block', () => {
    const draft: PoolMfaSettings = {
      ...off,
      sms: { roleArn: ' arn:aws:iam::123456789012:role/x ', externalId: '  ', snsRegion: '', message: 'Code {####}' },
      webAuthn: { relyingPartyId: ' ', userVerification: '' },
    };
    expect(normaliseSettings(draft)).toEqual({
      ...off,
      sms: { roleArn: 'arn:aws:iam::123456789012:role/x', externalId: null, snsRegion: null, message: 'Code {####}' },
      webAuthn: null,
    });
    expect(sameSettings(draft, normaliseSettings(draft))).toBe(true);
    expect(sameSettings(off, { ...off, mode: 'OPTIONAL' })).toBe(false);
  });
});

describe('a user’s MFA form', () => {
  const totpUser = user({ mfaSettings: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' });

  it('starts from the user’s factors and preference', () => {
    expect(formFromUser(totpUser)).toEqual({
      sms: { enabled: false, preferred: false },
      totp: { enabled: true, preferred: true },
      email: { enabled: false, preferred: false },
    });
  });

  it('sends only the factors that changed', () => {
    const form = prefer(formFromUser(totpUser), 'sms');
    expect(changeFrom(totpUser, form)).toEqual({
      sms: { enabled: true, preferred: true },
      totp: { enabled: true, preferred: false },
      email: null,
    });
    expect(isEmptyChange(changeFrom(totpUser, formFromUser(totpUser)))).toBe(true);
  });

  it('drops the preference of a factor turned off', () => {
    const form = setEnabled(formFromUser(totpUser), 'totp', false);
    expect(form.totp).toEqual({ enabled: false, preferred: false });
    expect(changeFrom(totpUser, form).totp).toEqual({ enabled: false, preferred: false });
  });

  it('can clear the preference altogether', () => {
    const form = prefer(formFromUser(totpUser), null);
    expect(form.totp).toEqual({ enabled: true, preferred: false });
  });
});

describe('bulk', () => {
  it('builds one change for every selected user', () => {
    expect(bulkChange('totp', 'prefer')).toEqual({ sms: null, email: null, totp: { enabled: true, preferred: true } });
    expect(bulkChange('sms', 'disable')).toEqual({ totp: null, email: null, sms: { enabled: false, preferred: false } });
    expect(bulkChange('email', 'enable').email).toEqual({ enabled: true, preferred: false });
  });

  it('counts outcomes and lists failures first', () => {
    const error = { code: 'cognito.service', message: 'x', hint: null };
    const results = [
      { username: 'b', outcome: 'changed' as const, attempts: 2 },
      { username: 'c', outcome: 'failed' as const, error, attempts: 1 },
      { username: 'z', outcome: 'cancelled' as const, attempts: 0 },
      { username: 'a', outcome: 'unchanged' as const, attempts: 1 },
      { username: 'a2', outcome: 'changed' as const, attempts: 2 },
    ];
    expect(countOutcomes(results)).toEqual({ changed: 2, unchanged: 1, failed: 1, cancelled: 1 });
    expect(sortResults(results).map((r) => r.username)).toEqual(['c', 'z', 'a2', 'b', 'a']);
  });
});

describe('connection problems', () => {
  const error = (code: string, message = '', hint: string | null = null) => ({ code, message, hint });

  it('sorts errors into their screens', () => {
    expect(connectionProblem(error('cognito.no_credentials'))).toBe('noCredentials');
    expect(connectionProblem(error('cognito.sso_expired'))).toBe('ssoExpired');
    expect(connectionProblem(error('cognito.credentials_expired'))).toBe('ssoExpired');
    expect(connectionProblem(error('cognito.access_denied'))).toBe('accessDenied');
    expect(connectionProblem(error('cognito.unreachable'))).toBe('unreachable');
    expect(connectionProblem(error('cognito.timeout'))).toBe('unreachable');
    expect(connectionProblem(error('cognito.service'))).toBeNull();
  });

  it('finds the refused IAM action', () => {
    expect(deniedAction(error('cognito.access_denied', 'AWS refused the action cognito-idp:ListUsers.'))).toBe(
      'cognito-idp:ListUsers',
    );
    expect(deniedAction(error('cognito.access_denied', 'Denied.'))).toBeNull();
  });

  it('names the command that renews an SSO session', () => {
    expect(ssoCommand(error('cognito.sso_expired', 'Expired.', 'Run `aws sso login --profile corp`.'), null)).toBe(
      'aws sso login --profile corp',
    );
    expect(ssoCommand(error('cognito.sso_expired', 'Expired.'), 'admin')).toBe('aws sso login --profile admin');
    expect(ssoCommand(error('cognito.sso_expired', 'Expired.'), null)).toBe('aws sso login');
  });
});

describe('audit values', () => {
  it('flattens JSON into key=value pairs, leaving empty values out', () => {
    const before = JSON.stringify({ mode: 'OFF', totpEnabled: false, sms: null, webAuthn: { relyingPartyId: 'a.example' } });
    expect(summariseAuditValue(before)).toBe('mode=OFF totpEnabled=false webAuthn.relyingPartyId=a.example');
    expect(summariseAuditValue(JSON.stringify({ mfaSettings: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], preferred: null }))).toBe(
      'mfaSettings=SMS_MFA+SOFTWARE_TOKEN_MFA',
    );
  });

  it('keeps plain text, shows a dash for nothing, and cuts long lines', () => {
    expect(summariseAuditValue('totp=preferred')).toBe('totp=preferred');
    expect(summariseAuditValue(null)).toBe('—');
    const long = summariseAuditValue(JSON.stringify({ message: 'x'.repeat(400) }));
    expect(long).toHaveLength(160);
    expect(long.endsWith('…')).toBe(true);
  });
});
