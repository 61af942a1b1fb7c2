/**
 * The admin page's logic, without components: searching loaded users,
 * selections, editing a pool's MFA settings, turning a user's MFA form into a
 * change, sorting errors into the connection screens. Pure, so it is tested
 * on its own.
 */
import type { AppError } from '../ipc';
import type {
  BulkUserResult,
  FactorPreference,
  MfaFactor,
  MfaPreferenceChange,
  PoolMfaSettings,
  UserMfa,
  UserRow,
} from './types';

/** Rows whose username, email, phone or status contain every word of `query`. */
export function searchRows(rows: readonly UserRow[], query: string): UserRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const text = [row.username, row.email ?? '', row.phone ?? '', row.status].join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** A new selection with `username` added or removed. */
export function toggle(selection: ReadonlySet<string>, username: string): Set<string> {
  const next = new Set(selection);
  if (next.has(username)) next.delete(username);
  else next.add(username);
  return next;
}

/** Every visible row selected: unselect them; otherwise select them all. */
export function toggleAll(selection: ReadonlySet<string>, visible: readonly UserRow[]): Set<string> {
  const next = new Set(selection);
  const all = visible.length > 0 && visible.every((row) => next.has(row.username));
  for (const row of visible) {
    if (all) next.delete(row.username);
    else next.add(row.username);
  }
  return next;
}

/** 'all', 'some' or 'none' of the visible rows are selected (for the header checkbox). */
export function selectionState(selection: ReadonlySet<string>, visible: readonly UserRow[]): 'all' | 'some' | 'none' {
  const count = visible.filter((row) => selection.has(row.username)).length;
  if (count === 0) return 'none';
  return count === visible.length ? 'all' : 'some';
}

/** Appends a streamed page, keeping the first copy of a username seen twice. */
export function appendPage(rows: readonly UserRow[], page: readonly UserRow[]): UserRow[] {
  const seen = new Set(rows.map((row) => row.username));
  return [...rows, ...page.filter((row) => !seen.has(row.username) && seen.add(row.username))];
}

/** Settings with SMS turned on (with empty fields to fill) or off. */
export function withSms(settings: PoolMfaSettings, on: boolean): PoolMfaSettings {
  if (!on) return { ...settings, sms: null };
  return {
    ...settings,
    sms: settings.sms ?? { roleArn: '', externalId: null, snsRegion: null, message: null },
  };
}

export function withEmail(settings: PoolMfaSettings, on: boolean): PoolMfaSettings {
  if (!on) return { ...settings, email: null };
  return { ...settings, email: settings.email ?? { message: null, subject: null } };
}

/** Empty text fields become null, as the API leaves them out. */
export function normaliseSettings(settings: PoolMfaSettings): PoolMfaSettings {
  const text = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value.trim());
  const webAuthn = settings.webAuthn
    ? { relyingPartyId: text(settings.webAuthn.relyingPartyId), userVerification: text(settings.webAuthn.userVerification) }
    : null;
  return {
    mode: settings.mode,
    totpEnabled: settings.totpEnabled,
    sms: settings.sms
      ? {
          roleArn: settings.sms.roleArn.trim(),
          externalId: text(settings.sms.externalId),
          snsRegion: text(settings.sms.snsRegion),
          message: text(settings.sms.message),
        }
      : null,
    email: settings.email ? { message: text(settings.email.message), subject: text(settings.email.subject) } : null,
    webAuthn: webAuthn && (webAuthn.relyingPartyId || webAuthn.userVerification) ? webAuthn : null,
  };
}

export function sameSettings(a: PoolMfaSettings, b: PoolMfaSettings): boolean {
  return JSON.stringify(normaliseSettings(a)) === JSON.stringify(normaliseSettings(b));
}

/** The MFA form of one user: each factor's enabled and preferred switches. */
export type MfaForm = { sms: FactorPreference; totp: FactorPreference; email: FactorPreference };

export const FACTOR_OF: Readonly<Record<keyof MfaForm, MfaFactor>> = {
  sms: 'SMS_MFA',
  totp: 'SOFTWARE_TOKEN_MFA',
  email: 'EMAIL_OTP',
};

/** The form as the user is now. */
export function formFromUser(user: UserMfa): MfaForm {
  const factor = (name: MfaFactor): FactorPreference => ({
    enabled: user.mfaSettings.includes(name),
    preferred: user.preferred === name,
  });
  return { sms: factor('SMS_MFA'), totp: factor('SOFTWARE_TOKEN_MFA'), email: factor('EMAIL_OTP') };
}

/** Marks `factor` preferred (and enabled); the others lose the preference. */
export function prefer(form: MfaForm, factor: keyof MfaForm | null): MfaForm {
  const next = (key: keyof MfaForm): FactorPreference => ({
    enabled: key === factor ? true : form[key].enabled,
    preferred: key === factor,
  });
  return { sms: next('sms'), totp: next('totp'), email: next('email') };
}

/** Turns a factor on or off; off also drops its preference. */
export function setEnabled(form: MfaForm, factor: keyof MfaForm, enabled: boolean): MfaForm {
  return { ...form, [factor]: { enabled, preferred: enabled && form[factor].preferred } };
}

/** Only the factors that differ from `user`: nothing else is sent to Cognito. */
export function changeFrom(user: UserMfa, form: MfaForm): MfaPreferenceChange {
  const now = formFromUser(user);
  const pick = (key: keyof MfaForm): FactorPreference | null =>
    now[key].enabled === form[key].enabled && now[key].preferred === form[key].preferred ? null : form[key];
  return { sms: pick('sms'), totp: pick('totp'), email: pick('email') };
}

export function isEmptyChange(change: MfaPreferenceChange): boolean {
  return change.sms === null && change.totp === null && change.email === null;
}

/** A bulk change from the bulk dialog's choice. */
export function bulkChange(factor: keyof MfaForm, action: 'enable' | 'prefer' | 'disable'): MfaPreferenceChange {
  const preference: FactorPreference =
    action === 'disable' ? { enabled: false, preferred: false } : { enabled: true, preferred: action === 'prefer' };
  return { sms: null, totp: null, email: null, [factor]: preference };
}

export type BulkCounts = { changed: number; unchanged: number; failed: number; cancelled: number };

export function countOutcomes(results: readonly BulkUserResult[]): BulkCounts {
  const counts: BulkCounts = { changed: 0, unchanged: 0, failed: 0, cancelled: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

/** Failures first (they need reading), then by username. */
export function sortResults(results: readonly BulkUserResult[]): BulkUserResult[] {
  const rank = { failed: 0, cancelled: 1, changed: 2, unchanged: 3 } as const;
  return [...results].sort((a, b) => rank[a.outcome] - rank[b.outcome] || a.username.localeCompare(b.username));
}

/** Which clear screen a connection error gets, if any. */
export type ConnectionProblem = 'noCredentials' | 'ssoExpired' | 'accessDenied' | 'unreachable' | null;

export function connectionProblem(error: AppError): ConnectionProblem {
  switch (error.code) {
    case 'cognito.no_credentials':
      return 'noCredentials';
    case 'cognito.sso_expired':
    case 'cognito.credentials_expired':
      return 'ssoExpired';
    case 'cognito.access_denied':
      return 'accessDenied';
    case 'cognito.unreachable':
    case 'cognito.timeout':
      return 'unreachable';
    default:
      return null;
  }
}

/** The IAM action named in an access-denied message, e.g. `cognito-idp:ListUserPools`. */
export function deniedAction(error: AppError): string | null {
  return /\b(cognito-idp:[A-Za-z]+)\b/.exec(`${error.message} ${error.hint ?? ''}`)?.[1] ?? null;
}

/** The command that renews an SSO session, from the hint, else built from the profile. */
export function ssoCommand(error: AppError, profile: string | null): string {
  const quoted = /`(aws sso login[^`]*)`/.exec(`${error.hint ?? ''} ${error.message}`)?.[1];
  if (quoted) return quoted;
  return profile ? `aws sso login --profile ${profile}` : 'aws sso login';
}

/** The catalogue key of a diff field: `sms.roleArn` → `smsRoleArn`. */
export function fieldKey(field: string): string {
  return field.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
}

const SUMMARY_MAX = 160;

/**
 * An audit log's before/after as one short line: JSON objects become
 * `key=value` pairs (nested ones flattened, empty ones left out), other text
 * stays as is; cut at 160 characters.
 */
export function summariseAuditValue(text: string | null): string {
  if (text === null || text.trim() === '') return '—';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  const parts: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (value === null || value === undefined || value === '') return;
    if (Array.isArray(value)) {
      parts.push(`${path}=${value.length === 0 ? '[]' : value.map(String).join('+')}`);
    } else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    } else {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      parts.push(path ? `${path}=${shown}` : shown);
    }
  };
  walk(parsed, '');
  const line = parts.join(' ');
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}
