/**
 * The time settings form, without the form: presets, parsing the servers box,
 * client-side checks, and which field a back-end error belongs to. Pure.
 */

/** The warning threshold's bounds, in seconds (the back end checks them too). */
export const MIN_THRESHOLD = 1;
export const MAX_THRESHOLD = 3600;

/** Server lists offered in one click. Leap-smearing servers are never mixed with others. */
export const PRESETS = {
  smearing: ['time.aws.com', 'time.google.com'],
  pool: ['0.pool.ntp.org', '1.pool.ntp.org', '2.pool.ntp.org'],
} as const;

export type PresetId = keyof typeof PRESETS;

/** The servers box, one server per line: trimmed, blank lines dropped. */
export function parseServers(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A server list as the servers box shows it. */
export function serversText(servers: readonly string[]): string {
  return servers.join('\n');
}

export type TimeField = 'servers' | 'threshold';

/** Why a field is refused before asking the back end (an i18n key suffix). */
export type TimeProblem = 'noServer' | 'threshold';

export type TimeValues = {
  enabled: boolean;
  servers: string;
  /** As the number input gives it: null when empty or not a number. */
  threshold: number | null;
};

/** Client-side checks; the back end checks again, and the server names too. */
export function validateTime(values: TimeValues): Partial<Record<TimeField, TimeProblem>> {
  const problems: Partial<Record<TimeField, TimeProblem>> = {};
  if (values.enabled && parseServers(values.servers).length === 0) problems.servers = 'noServer';
  const threshold = values.threshold;
  if (threshold === null || !Number.isInteger(threshold) || threshold < MIN_THRESHOLD || threshold > MAX_THRESHOLD) {
    problems.threshold = 'threshold';
  }
  return problems;
}

/** The field a back-end error is about, if any. */
export function fieldForTimeError(code: string): TimeField | null {
  switch (code) {
    case 'time.bad_server':
    case 'time.no_server':
      return 'servers';
    case 'time.threshold':
      return 'threshold';
    default:
      return null;
  }
}
