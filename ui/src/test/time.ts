/** Trusted-time fixtures shared by the clock, chip and Time page tests. */
import type { HttpDateOutcome, ServerOutcome, ServerRow, TimeView } from '../lib/ipc';

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
export const HOUR = 3_600_000;

export function serverRow(name: string, extra: Partial<ServerRow> = {}): ServerRow {
  return {
    server: name,
    address: '203.0.113.7:123',
    offsetMs: -93_215.4,
    delayMs: 21.3,
    stratum: 2,
    outcome: { kind: 'ok' },
    chosen: false,
    ...extra,
  };
}

/** By default: NTP from two chosen servers, the computer's clock 93.2 s ahead. */
export function timeView(extra: Partial<TimeView> = {}): TimeView {
  return {
    enabled: true,
    offsetMs: -93_215.4,
    source: { kind: 'ntp', servers: ['time.aws.com:123', 'time.google.com:123'] },
    lastSync: NOW - 60_000,
    lastAttempt: NOW - 60_000,
    nextSync: NOW + 4 * 60_000,
    syncing: false,
    warnings: [],
    warningThresholdSeconds: 5,
    servers: [serverRow('time.aws.com:123', { chosen: true }), serverRow('time.google.com:123', { chosen: true })],
    httpDate: null,
    ...extra,
  };
}

/** One of each: every kind and detail of the contract. */
export const ALL_OUTCOMES: ServerOutcome[] = [
  { kind: 'ok' },
  { kind: 'timeout' },
  { kind: 'rejected', detail: { kind: 'unsynchronised' } },
  { kind: 'rejected', detail: { kind: 'kissOfDeath', code: 'RATE' } },
  { kind: 'rejected', detail: { kind: 'kissOfDeath', code: 'DENY' } },
  { kind: 'rejected', detail: { kind: 'kissOfDeath', code: 'RSTR' } },
  { kind: 'rejected', detail: { kind: 'kissOfDeath', code: 'ACST' } },
  { kind: 'rejected', detail: { kind: 'stratumTooHigh', stratum: 16 } },
  { kind: 'rejected', detail: { kind: 'notServer', mode: 3 } },
  { kind: 'rejected', detail: { kind: 'versionZero' } },
  { kind: 'rejected', detail: { kind: 'zeroTransmit' } },
  { kind: 'rejected', detail: { kind: 'originateMismatch' } },
  { kind: 'rejected', detail: { kind: 'truncated', length: 40 } },
  { kind: 'rejected', detail: { kind: 'delayOutlier', delay: 412_340_000, best: 20_070_000 } },
  { kind: 'unreachable', detail: 'failed to lookup address information' },
  { kind: 'skipped', detail: { kind: 'denied', code: 'DENY' } },
  { kind: 'skipped', detail: { kind: 'rateLimited', until: NOW + 60_000 } },
  { kind: 'notAsked' },
];

export const ALL_HTTP_OUTCOMES: HttpDateOutcome[] = [
  { kind: 'ok' },
  { kind: 'timeout' },
  { kind: 'unreachable', detail: 'dns error' },
  { kind: 'noDate' },
  { kind: 'badDate', detail: 'Tuesday' },
];
