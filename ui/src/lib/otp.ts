/**
 * Pure helpers for showing accounts and codes. No IPC, no DOM, no secrets.
 */
import type { OtpKind } from './ipc';

/**
 * A code split into groups for reading: `123 456`, `1234 567`, `1234 5678`,
 * `123 123 123`, `1234 123 123`. Groups are at most four digits long, as even
 * as possible, the longer ones first. Steam codes (letters) and anything that
 * is not only digits are returned as they are.
 */
export function groupCode(code: string, kind: OtpKind = 'totp'): string {
  if (kind === 'steam' || !/^\d+$/.test(code) || code.length <= 4) return code;
  const groups = Math.ceil(code.length / 4);
  const base = Math.floor(code.length / groups);
  let longer = code.length % groups;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < groups; i += 1) {
    const size = base + (longer > 0 ? 1 : 0);
    if (longer > 0) longer -= 1;
    parts.push(code.slice(start, start + size));
    start += size;
  }
  return parts.join(' ');
}

/** Lower case, without accents or other combining marks: “Éléonore” → “eleonore”. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

/**
 * Does an account match what was typed in the search box? Every word typed
 * must appear in the issuer or the label, ignoring case and accents. An empty
 * query matches everything.
 */
export function matchesQuery(account: { issuer: string; label: string }, query: string): boolean {
  const words = foldForSearch(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = foldForSearch(`${account.issuer}\n${account.label}`);
  return words.every((word) => haystack.includes(word));
}

/** Keep, in order, the accounts that match the query. */
export function filterAccounts<T extends { issuer: string; label: string }>(accounts: readonly T[], query: string): T[] {
  return accounts.filter((account) => matchesQuery(account, query));
}

/** Up to two letters standing for the account: “GitHub” → “GH”, “Amazon Web Services” → “AW”. */
export function initials(issuer: string, label: string): string {
  const source = issuer.trim() !== '' ? issuer.trim() : label.trim().replace(/@.*$/, '');
  // “example.com” stands for “example”.
  const words = source
    .split(/[\s_\-/:]+/)
    .map((w) => w.replace(/\..*$/, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const first = (word: string): string => Array.from(word.replace(/^[^\p{L}\p{N}]+/u, ''))[0] ?? '';
  const [one, two] = words;
  if (one === undefined) return '?';
  if (two !== undefined) return (first(one) + first(two)).toLocaleUpperCase();
  // One word: its first letter, plus the start of a second “hump” (GitHub, PayPal).
  const chars = Array.from(one.replace(/^[^\p{L}\p{N}]+/u, ''));
  const hump = chars.findIndex((c, i) => i > 0 && /\p{Lu}/u.test(c) && /\p{Ll}/u.test(chars[i - 1] ?? ''));
  const head = chars[0] ?? '?';
  return (hump > 0 ? head + (chars[hump] ?? '') : head).toLocaleUpperCase();
}

/** Colours for initials badges: all dark enough for white text (WCAG AA). */
export const BADGE_PALETTE = [
  '#2d5bd1',
  '#0f7b6c',
  '#7a4cc2',
  '#b4411c',
  '#17703f',
  '#a3335a',
  '#475467',
  '#85580a',
  '#0e6a99',
  '#8a3fa0',
] as const;

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** FNV-1a: a small, stable string hash. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) {
    h ^= char.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The badge colour: the account's own colour when it is a valid hex colour,
 * else one from the palette, always the same for the same issuer.
 */
export function badgeColour(color: string | null, issuer: string, label: string): string {
  if (color !== null && HEX_COLOUR.test(color.trim())) return color.trim().toLowerCase();
  const key = foldForSearch(issuer.trim() !== '' ? issuer.trim() : label.trim());
  return BADGE_PALETTE[hash(key) % BADGE_PALETTE.length] ?? BADGE_PALETTE[0];
}

/** Text colour readable on a given hex background: white, or a dark ink. */
export function inkOn(background: string): string {
  let hex = background.replace('#', '');
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with white vs. with #1b2330 (luminance ≈ 0.016): pick the larger.
  const withWhite = 1.05 / (luminance + 0.05);
  const withInk = (luminance + 0.05) / 0.066;
  return withWhite >= withInk ? '#ffffff' : '#1b2330';
}

export const MIN_PASSWORD_LENGTH = 8;

export type PasswordStrength = 'tooShort' | 'weak' | 'fair' | 'strong';

/** A rough hint, not a guarantee: length counts most, then variety. */
export function passwordStrength(password: string): PasswordStrength {
  const chars = Array.from(password);
  if (chars.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(password)).length;
  const distinct = new Set(chars).size;
  if (distinct < 5) return 'weak';
  let score = 0;
  if (chars.length >= 12) score += 1;
  if (chars.length >= 16) score += 1;
  if (classes >= 3) score += 1;
  if (score === 0) return 'weak';
  return score === 1 ? 'fair' : 'strong';
}

/** A setup key as typed: without spaces, dashes or `=` padding, in upper case. */
export function compactSecret(secret: string): string {
  return secret.replace(/[\s\-=]+/g, '').toUpperCase();
}

/** Does the setup key use only base32 characters (A–Z, 2–7), ignoring spaces, dashes and padding? */
export function isBase32(secret: string): boolean {
  return /^[A-Z2-7]+$/.test(compactSecret(secret));
}

export type ManualField = 'issuer' | 'label' | 'secret' | 'kind' | 'algorithm' | 'digits' | 'period' | 'counter';

/** The manual form's values, numbers as the inputs give them (null when empty or not a number). */
export type ManualValues = {
  issuer: string;
  label: string;
  secret: string;
  kind: OtpKind;
  digits: number | null;
  period: number | null;
  counter: number | null;
};

/** Why a field of the manual form is not acceptable (an i18n key suffix). */
export type ManualProblem = 'nameRequired' | 'secretRequired' | 'secretChars' | 'digits' | 'period' | 'counter';

/** Client-side checks of the manual form; the back end checks again. */
export function validateManual(values: ManualValues): Partial<Record<ManualField, ManualProblem>> {
  const problems: Partial<Record<ManualField, ManualProblem>> = {};
  const isInt = (n: number | null): n is number => n !== null && Number.isInteger(n);
  if (values.issuer.trim() === '' && values.label.trim() === '') problems.label = 'nameRequired';
  if (compactSecret(values.secret) === '') problems.secret = 'secretRequired';
  else if (!isBase32(values.secret)) problems.secret = 'secretChars';
  if (values.kind !== 'steam' && !(isInt(values.digits) && values.digits >= 6 && values.digits <= 10)) {
    problems.digits = 'digits';
  }
  if (values.kind !== 'hotp' && !(isInt(values.period) && values.period >= 1)) problems.period = 'period';
  if (values.kind === 'hotp' && !(isInt(values.counter) && values.counter >= 0)) problems.counter = 'counter';
  return problems;
}

/** The field a back-end error about an account's parameters belongs to, if any. */
export function fieldForError(code: string): ManualField | null {
  switch (code) {
    case 'uri.secret_missing':
    case 'uri.secret_invalid':
    case 'otp.key':
      return 'secret';
    case 'uri.type':
      return 'kind';
    case 'uri.algorithm':
      return 'algorithm';
    case 'uri.digits':
    case 'otp.digits':
      return 'digits';
    case 'uri.period':
    case 'otp.period':
      return 'period';
    case 'uri.counter_missing':
    case 'uri.counter_invalid':
      return 'counter';
    default:
      return null;
  }
}

/**
 * Milliseconds to wait before asking for codes again: just after the next
 * whole second of `at` (the back end's network time), so that a new code
 * shows up as soon as its period starts.
 */
export function delayToNextSecond(at: number): number {
  const fraction = ((at % 1) + 1) % 1;
  const ms = Math.round((1 - fraction) * 1000) + 25;
  return Math.min(Math.max(ms, 100), 1100);
}
