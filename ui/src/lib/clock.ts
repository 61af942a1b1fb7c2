/**
 * Trusted time in words: offsets, sources, warnings and each server's answer,
 * worded for the Codes page's clock chip and the Time page. Pure: every
 * function takes the language (and the current instant when it matters), and
 * reads nothing else, so each case can be tested in both languages.
 */
import { translate, type Locale } from '../i18n';
import type { MessageKey, ParamArgs } from '../i18n/types';
import type { ClockWarning, HttpDateOutcome, NtpRejection, NtpSkip, ServerOutcome, TimeView } from './ipc';

/** Typed like `t()`, in an explicit language. */
function tr<K extends MessageKey>(lang: Locale, key: K, ...params: ParamArgs<K>): string {
  return translate(lang, key, params[0]);
}

/** The typographic minus sign (U+2212), wider and clearer than a hyphen. */
export const MINUS = '\u2212';

/** Shown for a value that is not known. */
export const NO_VALUE = '—';

/** From this offset on, the chip says that codes are corrected rather than “in sync”. */
export const CORRECTED_FROM_MS = 500;

function decimal(lang: Locale, value: number, digits: number): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/**
 * A length of time without sign: whole milliseconds below one second
 * (“12 ms”), else seconds with one decimal (“93.2 s”, « 93,2 s »).
 */
export function formatDuration(ms: number, lang: Locale): string {
  const abs = Math.abs(ms);
  if (Math.round(abs) >= 1000) {
    return tr(lang, 'clock.seconds', { value: decimal(lang, Math.round(abs / 100) / 10, 1) });
  }
  return tr(lang, 'clock.ms', { value: decimal(lang, Math.round(abs), 0) });
}

/** An offset with its sign: “+90.0 s”, “−12 ms”; “0 ms” when it rounds to nothing. */
export function formatOffset(ms: number, lang: Locale): string {
  const text = formatDuration(ms, lang);
  if (Math.round(Math.abs(ms)) === 0) return text;
  return (ms < 0 ? MINUS : '+') + text;
}

/** Milliseconds with one decimal, for the servers' table: “+12.3 ms”, “41.0 ms”, “—”. */
export function formatMs(ms: number | null, lang: Locale, signed: boolean): string {
  if (ms === null || !Number.isFinite(ms)) return NO_VALUE;
  const text = tr(lang, 'clock.ms', { value: decimal(lang, Math.abs(ms), 1) });
  if (!signed) return ms < 0 ? MINUS + text : text;
  if (Math.round(Math.abs(ms) * 10) === 0) return text;
  return (ms < 0 ? MINUS : '+') + text;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** “3 hours ago”, “in 4 minutes”, « il y a 3 heures », “just now” (instants in ms since the epoch). */
export function relativeTime(at: number, now: number, lang: Locale): string {
  const diff = at - now;
  if (diff <= 0 && diff > -5000) return tr(lang, 'clock.justNow');
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'second') {
      // Always numbers (“2 days ago”, not a calendar's “the day before yesterday”), except “now”.
      const numeric = unit === 'second' ? 'auto' : 'always';
      return new Intl.RelativeTimeFormat(lang, { numeric }).format(Math.round(diff / size), unit);
    }
  }
  return tr(lang, 'clock.justNow');
}

/** Date and time, for tooltips. */
export function absoluteTime(at: number, lang: Locale): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}

/** A server as people write it: without the default port “:123”. */
export function serverName(server: string): string {
  return server.endsWith(':123') ? server.slice(0, -':123'.length) : server;
}

/** The server to name for an NTP offset: the first chosen one, in the settings' order. */
function chosenServer(view: TimeView): string | null {
  const row = view.servers.find((r) => r.chosen);
  if (row) return row.server;
  return view.source.kind === 'ntp' ? (view.source.servers[0] ?? null) : null;
}

/** One sentence per warning (also the chip's tooltip). */
export function warningText(warning: ClockWarning, lang: Locale): string {
  switch (warning.kind) {
    case 'largeOffset': {
      // The offset is added to the system clock: positive means that clock is behind.
      const amount = formatDuration(warning.offset / 1e6, lang);
      return warning.offset > 0
        ? tr(lang, 'clock.warnings.largeBehind', { amount })
        : tr(lang, 'clock.warnings.largeAhead', { amount });
    }
    case 'unsynchronised':
      return tr(lang, 'clock.warnings.unsynchronised');
    case 'lastSyncFailed':
      return tr(lang, 'clock.warnings.lastSyncFailed');
    case 'agedOffset':
      return tr(lang, 'clock.warnings.agedOffset');
    case 'disabled':
      return tr(lang, 'clock.warnings.disabled');
    case 'mixedSmearing':
      return tr(lang, 'clock.warnings.mixedSmearing');
  }
}

/** Warnings that call for attention (the others only inform). */
export function isWarning(warning: ClockWarning): boolean {
  return warning.kind !== 'disabled' && warning.kind !== 'largeOffset';
}

export type Tone = 'ok' | 'neutral' | 'warn';

export type Chip = {
  text: string;
  tone: Tone;
  /** Sentences for the tooltip, one per warning the text does not already say. */
  details: string[];
};

/** The Codes page's clock chip. */
export function chipView(view: TimeView, lang: Locale, now: number): Chip {
  const source = view.source;
  const disabled = !view.enabled || view.warnings.some((w) => w.kind === 'disabled');
  let text: string;
  let tone: Tone = 'ok';
  let said: ClockWarning['kind'] | null = null;
  if (disabled) {
    text = tr(lang, 'clock.chip.disabled');
    tone = 'neutral';
    said = 'disabled';
  } else if (source.kind === 'system') {
    text = tr(lang, 'clock.chip.unsynchronised');
    tone = 'warn';
    said = 'unsynchronised';
  } else if (source.kind === 'persisted') {
    text = tr(lang, 'clock.chip.persisted', {
      offset: formatOffset(view.offsetMs, lang),
      ago: relativeTime(source.measuredAt, now, lang),
    });
    if (source.aged) tone = 'warn';
  } else {
    const name = source.kind === 'httpDate' ? null : chosenServer(view);
    const via =
      source.kind === 'httpDate'
        ? tr(lang, 'clock.cognitoClock')
        : name !== null
          ? serverName(name)
          : tr(lang, 'clock.ntp');
    const offset = formatOffset(view.offsetMs, lang);
    text =
      Math.abs(view.offsetMs) >= CORRECTED_FROM_MS
        ? tr(lang, 'clock.chip.corrected', { offset, source: via })
        : tr(lang, 'clock.chip.inSync', { offset, source: via });
  }
  const others = view.warnings.filter((w) => w.kind !== said && !(disabled && w.kind === 'unsynchronised'));
  if (!disabled && others.some(isWarning)) tone = 'warn';
  return { text, tone, details: others.map((w) => warningText(w, lang)) };
}

/** Where the offset in use comes from, in words (the Time page). */
export function sourceText(view: TimeView, lang: Locale, now: number): string {
  if (!view.enabled) return tr(lang, 'clock.source.disabled');
  const source = view.source;
  switch (source.kind) {
    case 'ntp':
      return source.servers.length === 0
        ? tr(lang, 'clock.source.ntpNone')
        : tr(lang, 'clock.source.ntp', { servers: source.servers.map(serverName).join(', ') });
    case 'httpDate':
      return tr(lang, 'clock.source.httpDate', { url: source.url });
    case 'system':
      return tr(lang, 'clock.source.system');
    case 'persisted':
      return tr(lang, 'clock.source.persisted', {
        ago: relativeTime(source.measuredAt, now, lang),
        origin: source.origin,
      });
  }
}

/** How far this computer's clock is from network time, or null when nothing is measured. */
export function driftText(view: TimeView, lang: Locale): string | null {
  if (!view.enabled || view.source.kind === 'system') return null;
  if (Math.round(Math.abs(view.offsetMs)) === 0) return tr(lang, 'time.summary.exact');
  const amount = formatDuration(view.offsetMs, lang);
  // The offset is added to the system clock: positive means that clock is behind.
  return view.offsetMs > 0
    ? tr(lang, 'time.summary.behind', { amount })
    : tr(lang, 'time.summary.ahead', { amount });
}

function rejectionText(detail: NtpRejection, lang: Locale): string {
  switch (detail.kind) {
    case 'unsynchronised':
      return tr(lang, 'clock.outcome.unsynchronised');
    case 'kissOfDeath': {
      const code = detail.code;
      if (code === 'RATE') return tr(lang, 'clock.outcome.slowDown', { code });
      if (code === 'DENY' || code === 'RSTR') return tr(lang, 'clock.outcome.refused', { code });
      return tr(lang, 'clock.outcome.kissOfDeath', { code });
    }
    case 'stratumTooHigh':
      return tr(lang, 'clock.outcome.stratumTooHigh', { stratum: detail.stratum });
    case 'notServer':
      return tr(lang, 'clock.outcome.notServer', { mode: detail.mode });
    case 'versionZero':
      return tr(lang, 'clock.outcome.versionZero');
    case 'zeroTransmit':
      return tr(lang, 'clock.outcome.zeroTransmit');
    case 'originateMismatch':
      return tr(lang, 'clock.outcome.originateMismatch');
    case 'truncated':
      return tr(lang, 'clock.outcome.truncated', { length: detail.length });
    case 'delayOutlier':
      // Nanoseconds, as every duration inside a variant (see `largeOffset`).
      return tr(lang, 'clock.outcome.delayOutlier', {
        delay: formatMs(detail.delay / 1e6, lang, false),
        best: formatMs(detail.best / 1e6, lang, false),
      });
  }
}

function skipText(detail: NtpSkip, lang: Locale): string {
  switch (detail.kind) {
    case 'denied':
      return tr(lang, 'clock.outcome.skippedDenied', { code: detail.code });
    case 'rateLimited':
      return tr(lang, 'clock.outcome.skippedRateLimited', {
        time: new Intl.DateTimeFormat(lang, { timeStyle: 'medium' }).format(detail.until),
      });
  }
}

/** What an NTP server answered, in words. */
export function outcomeText(outcome: ServerOutcome, lang: Locale): string {
  switch (outcome.kind) {
    case 'ok':
      return tr(lang, 'clock.outcome.ok');
    case 'timeout':
      return tr(lang, 'clock.outcome.timeout');
    case 'rejected':
      return rejectionText(outcome.detail, lang);
    case 'unreachable':
      return tr(lang, 'clock.outcome.unreachable', { detail: outcome.detail });
    case 'skipped':
      return skipText(outcome.detail, lang);
    case 'notAsked':
      return tr(lang, 'clock.outcome.notAsked');
  }
}

/** What the HTTP Date fallback got, in words. */
export function httpOutcomeText(outcome: HttpDateOutcome, lang: Locale): string {
  switch (outcome.kind) {
    case 'ok':
      return tr(lang, 'clock.outcome.ok');
    case 'timeout':
      return tr(lang, 'clock.outcome.timeout');
    case 'unreachable':
      return tr(lang, 'clock.outcome.unreachable', { detail: outcome.detail });
    case 'noDate':
      return tr(lang, 'clock.outcome.noDate');
    case 'badDate':
      return tr(lang, 'clock.outcome.badDate', { detail: outcome.detail });
  }
}

/** How an answer looks: good, not there yet, or a problem. */
export function outcomeTone(outcome: ServerOutcome | HttpDateOutcome): Tone {
  if (outcome.kind === 'ok') return 'ok';
  return outcome.kind === 'notAsked' ? 'neutral' : 'warn';
}
