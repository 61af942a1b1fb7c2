import { describe, expect, it } from 'vitest';
import { fieldForTimeError, parseServers, PRESETS, serversText, validateTime } from './timeSettings';

describe('time settings', () => {
  it('reads one server per line, trimmed, without blank lines', () => {
    expect(parseServers(' time.aws.com \r\n\n  [::1]:123\n\t\n')).toEqual(['time.aws.com', '[::1]:123']);
    expect(parseServers('')).toEqual([]);
    expect(parseServers(serversText(PRESETS.pool))).toEqual(['0.pool.ntp.org', '1.pool.ntp.org', '2.pool.ntp.org']);
  });

  it('never mixes leap-smearing servers with others in a preset', () => {
    expect(PRESETS.smearing).toEqual(['time.aws.com', 'time.google.com']);
    expect(PRESETS.pool.some((s) => s.includes('google') || s.includes('aws'))).toBe(false);
  });

  it.each([
    [{ enabled: true, servers: 'time.aws.com', threshold: 5 }, {}],
    [{ enabled: true, servers: ' \n ', threshold: 5 }, { servers: 'noServer' }],
    [{ enabled: false, servers: '', threshold: 5 }, {}],
    [{ enabled: true, servers: 'a', threshold: 0 }, { threshold: 'threshold' }],
    [{ enabled: true, servers: 'a', threshold: 3601 }, { threshold: 'threshold' }],
    [{ enabled: true, servers: 'a', threshold: 2.5 }, { threshold: 'threshold' }],
    [{ enabled: true, servers: 'a', threshold: null }, { threshold: 'threshold' }],
    [{ enabled: true, servers: 'a', threshold: 3600 }, {}],
  ] as const)('validates %j', (values, expected) => {
    expect(validateTime(values)).toEqual(expected);
  });

  it('puts each back-end error under its field', () => {
    expect(fieldForTimeError('time.bad_server')).toBe('servers');
    expect(fieldForTimeError('time.no_server')).toBe('servers');
    expect(fieldForTimeError('time.threshold')).toBe('threshold');
    expect(fieldForTimeError('time.io')).toBeNull();
  });
});
