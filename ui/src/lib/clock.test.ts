import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n';
import {
  chipView,
  driftText,
  formatDuration,
  formatMs,
  formatOffset,
  httpOutcomeText,
  MINUS,
  outcomeText,
  relativeTime,
  serverName,
  sourceText,
  warningText,
} from './clock';
import { ALL_HTTP_OUTCOMES, ALL_OUTCOMES, HOUR, NOW, serverRow, timeView } from '../test/time';
import type { ClockWarning, ServerOutcome, TimeView } from './ipc';

const NBSP = '\u00a0';
/** What Intl puts between groups of digits in French. */
const GROUP_FR = new Intl.NumberFormat('fr').format(1000).charAt(1);
const view = timeView;
const server = serverRow;

describe('formatting offsets and durations', () => {
  it.each([
    [0, 'en', '0 ms'],
    [0.4, 'en', '0 ms'],
    [12.4, 'en', '+12 ms'],
    [-12.4, 'en', `${MINUS}12 ms`],
    [999.6, 'en', '+1.0 s'],
    [-93_215.4, 'en', `${MINUS}93.2 s`],
    [90_000, 'en', '+90.0 s'],
    [10_800_000, 'en', '+10,800.0 s'],
    [-93_215.4, 'fr', `${MINUS}93,2 s`],
    [12.4, 'fr', '+12 ms'],
    [10_800_000, 'fr', `+10${GROUP_FR}800,0 s`],
  ] as const)('formatOffset(%s) in %s is %s', (ms, lang, expected) => {
    expect(formatOffset(ms, lang)).toBe(expected);
  });

  it('words a duration without sign', () => {
    expect(formatDuration(-93_215.4, 'en')).toBe('93.2 s');
    expect(formatDuration(-450, 'fr')).toBe('450 ms');
  });

  it('gives the table one decimal, a sign for offsets, and a dash for nothing', () => {
    expect(formatMs(12.34, 'en', true)).toBe('+12.3 ms');
    expect(formatMs(-0.04, 'en', true)).toBe('0.0 ms');
    expect(formatMs(-93_215.44, 'en', true)).toBe(`${MINUS}93,215.4 ms`);
    expect(formatMs(41, 'en', false)).toBe('41.0 ms');
    expect(formatMs(41, 'fr', false)).toBe('41,0 ms');
    expect(formatMs(null, 'fr', true)).toBe('—');
  });

  it('says how long ago or how soon, in each language', () => {
    expect(relativeTime(NOW - 3 * HOUR, NOW, 'en')).toBe('3 hours ago');
    expect(relativeTime(NOW - 3 * HOUR, NOW, 'fr')).toBe('il y a 3 heures');
    expect(relativeTime(NOW + 4 * 60_000, NOW, 'en')).toBe('in 4 minutes');
    expect(relativeTime(NOW + 4 * 60_000, NOW, 'fr')).toBe('dans 4 minutes');
    expect(relativeTime(NOW - 2000, NOW, 'en')).toBe('just now');
    expect(relativeTime(NOW - 2000, NOW, 'fr')).toBe('à l’instant');
    expect(relativeTime(NOW - 30_000, NOW, 'en')).toBe('30 seconds ago');
  });

  it('drops only the default port from server names', () => {
    expect(serverName('time.aws.com:123')).toBe('time.aws.com');
    expect(serverName('[2001:db8::1]:123')).toBe('[2001:db8::1]');
    expect(serverName('127.0.0.1:40123')).toBe('127.0.0.1:40123');
  });
});

describe('the clock chip', () => {
  const cases: [string, TimeView, { en: string; fr: string }, 'ok' | 'neutral' | 'warn'][] = [
    [
      'NTP, large offset: names the first chosen server',
      view(),
      {
        en: `Clock ${MINUS}93.2 s · codes corrected (time.aws.com)`,
        fr: `Horloge ${MINUS}93,2 s · codes corrigés (time.aws.com)`,
      },
      'ok',
    ],
    [
      'NTP, the first chosen server in settings order',
      view({
        source: { kind: 'ntp', servers: ['time.google.com:123'] },
        servers: [server('time.aws.com:123', { outcome: { kind: 'timeout' } }), server('time.google.com:123', { chosen: true })],
      }),
      {
        en: `Clock ${MINUS}93.2 s · codes corrected (time.google.com)`,
        fr: `Horloge ${MINUS}93,2 s · codes corrigés (time.google.com)`,
      },
      'ok',
    ],
    [
      'HTTP Date fallback',
      view({ offsetMs: 90_000, source: { kind: 'httpDate', url: 'https://cognito-idp.eu-west-1.amazonaws.com/' } }),
      {
        en: 'Clock +90.0 s · codes corrected (Cognito web clock)',
        fr: 'Horloge +90,0 s · codes corrigés (horloge web de Cognito)',
      },
      'ok',
    ],
    [
      'NTP, small offset',
      view({ offsetMs: 12.4 }),
      { en: 'Clock in sync (+12 ms · time.aws.com)', fr: 'Horloge à l’heure (+12 ms · time.aws.com)' },
      'ok',
    ],
    [
      'NTP on a port of its own',
      view({
        offsetMs: -3.2,
        source: { kind: 'ntp', servers: ['127.0.0.1:40123'] },
        servers: [server('127.0.0.1:40123', { chosen: true })],
      }),
      {
        en: `Clock in sync (${MINUS}3 ms · 127.0.0.1:40123)`,
        fr: `Horloge à l’heure (${MINUS}3 ms · 127.0.0.1:40123)`,
      },
      'ok',
    ],
    [
      'offset kept from the previous session',
      view({ offsetMs: -93_215.4, source: { kind: 'persisted', aged: false, measuredAt: NOW - 3 * HOUR, origin: 'time.aws.com:123' } }),
      {
        en: `Clock ${MINUS}93.2 s · last measured 3 hours ago`,
        fr: `Horloge ${MINUS}93,2 s · dernière mesure il y a 3 heures`,
      },
      'ok',
    ],
    [
      'offset kept from the previous session, aged',
      view({
        offsetMs: 1500,
        source: { kind: 'persisted', aged: true, measuredAt: NOW - 50 * HOUR, origin: 'time.aws.com:123' },
        warnings: [{ kind: 'agedOffset' }],
      }),
      { en: 'Clock +1.5 s · last measured 2 days ago', fr: 'Horloge +1,5 s · dernière mesure il y a 2 jours' },
      'warn',
    ],
    [
      'nothing measured',
      view({ offsetMs: 0, source: { kind: 'system' }, warnings: [{ kind: 'unsynchronised' }], servers: [] }),
      { en: 'Unsynchronised — using the system clock', fr: 'Non synchronisée — horloge du système utilisée' },
      'warn',
    ],
    [
      'network time turned off',
      view({ enabled: false, offsetMs: 0, source: { kind: 'system' }, warnings: [{ kind: 'disabled' }] }),
      {
        en: 'Network time off — using the system clock',
        fr: 'Heure réseau désactivée — horloge du système utilisée',
      },
      'neutral',
    ],
  ];

  it.each(cases)('%s', (_name, time, texts, tone) => {
    for (const lang of LOCALES) {
      const chip = chipView(time, lang, NOW);
      expect(chip.text).toBe(texts[lang]);
      expect(chip.tone).toBe(tone);
    }
  });

  it('does not repeat in the tooltip what the text already says', () => {
    const off = chipView(
      view({ enabled: false, source: { kind: 'system' }, warnings: [{ kind: 'disabled' }, { kind: 'unsynchronised' }] }),
      'en',
      NOW,
    );
    expect(off.details).toEqual([]);
    const unsynchronised = chipView(view({ source: { kind: 'system' }, warnings: [{ kind: 'unsynchronised' }] }), 'en', NOW);
    expect(unsynchronised.details).toEqual([]);
  });

  it('turns to a warning with a tooltip when the last sync failed', () => {
    const time = view({ warnings: [{ kind: 'lastSyncFailed' }] });
    const en = chipView(time, 'en', NOW);
    expect(en.tone).toBe('warn');
    expect(en.details).toEqual(['The last sync got no answer: Kairos keeps using the offset it measured before.']);
    const fr = chipView(time, 'fr', NOW);
    expect(fr.details).toEqual([
      `La dernière synchronisation est restée sans réponse${NBSP}: Kairos garde l’écart mesuré auparavant.`,
    ]);
  });

  it('explains a large offset in the tooltip, without alarm: the codes are corrected', () => {
    const time = view({ warnings: [{ kind: 'largeOffset', offset: -93_215_400_000 }] });
    const en = chipView(time, 'en', NOW);
    expect(en.tone).toBe('ok');
    expect(en.details[0]).toContain('This computer’s clock is 93.2 s ahead of network time, so other apps on it are wrong too.');
    expect(chipView(time, 'fr', NOW).details[0]).toContain('L’horloge de cet ordinateur avance de 93,2 s');
    const behind = chipView(view({ warnings: [{ kind: 'largeOffset', offset: 90e9 }] }), 'en', NOW);
    expect(behind.details[0]).toContain('90.0 s behind network time');
  });

  it('warns about mixing leap-smearing servers', () => {
    const chip = chipView(view({ warnings: [{ kind: 'mixedSmearing' }] }), 'en', NOW);
    expect(chip.tone).toBe('warn');
    expect(chip.details[0]).toContain('smear leap seconds');
  });
});

describe('the Time page in words', () => {
  it('names the source', () => {
    expect(sourceText(view(), 'en', NOW)).toBe('Time servers (NTP): time.aws.com, time.google.com');
    expect(sourceText(view(), 'fr', NOW)).toBe(`Serveurs de temps (NTP)${NBSP}: time.aws.com, time.google.com`);
    const http = view({ source: { kind: 'httpDate', url: 'https://cognito-idp.eu-west-1.amazonaws.com/' } });
    expect(sourceText(http, 'en', NOW)).toContain('Date header of https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(sourceText(view({ source: { kind: 'system' } }), 'en', NOW)).toContain('nothing measured yet');
    const kept = view({ source: { kind: 'persisted', aged: false, measuredAt: NOW - 3 * HOUR, origin: 'time.aws.com:123' } });
    expect(sourceText(kept, 'fr', NOW)).toBe('Écart mesuré il y a 3 heures (time.aws.com:123), conservé de la session précédente');
    expect(sourceText(view({ enabled: false }), 'en', NOW)).toContain('network time is turned off');
  });

  it('says which way the computer’s clock is wrong', () => {
    expect(driftText(view(), 'en')).toBe('This computer’s clock is 93.2 s ahead of network time.');
    expect(driftText(view({ offsetMs: 90_000 }), 'fr')).toBe('L’horloge de cet ordinateur retarde de 90,0 s sur l’heure du réseau.');
    expect(driftText(view({ offsetMs: 0.2 }), 'en')).toBe('This computer’s clock agrees with network time.');
    expect(driftText(view({ source: { kind: 'system' }, offsetMs: 0 }), 'en')).toBeNull();
  });

  it('words every warning in both languages', () => {
    const warnings: ClockWarning[] = [
      { kind: 'unsynchronised' },
      { kind: 'lastSyncFailed' },
      { kind: 'agedOffset' },
      { kind: 'largeOffset', offset: 1e9 },
      { kind: 'disabled' },
      { kind: 'mixedSmearing' },
    ];
    for (const lang of LOCALES) {
      const texts = warnings.map((w) => warningText(w, lang));
      expect(new Set(texts).size).toBe(warnings.length);
      for (const text of texts) expect(text).toMatch(/^[^{}]{20,}$/);
    }
  });
});

describe('server answers in words', () => {
  it.each([
    [{ kind: 'rejected', detail: { kind: 'kissOfDeath', code: 'RATE' } }, 'Asked us to slow down (RATE)', 'Nous demande de ralentir (RATE)'],
    [{ kind: 'rejected', detail: { kind: 'kissOfDeath', code: 'DENY' } }, 'Refused us (DENY)', 'Nous refuse (DENY)'],
    [{ kind: 'timeout' }, 'No answer', 'Pas de réponse'],
    [{ kind: 'unreachable', detail: 'Connection refused (os error 111)' }, 'Unreachable: Connection refused (os error 111)', `Injoignable${NBSP}: Connection refused (os error 111)`],
    [
      { kind: 'rejected', detail: { kind: 'delayOutlier', delay: 412_340_000, best: 20_070_000 } },
      'Too slow to trust (412.3 ms vs 20.1 ms)',
      'Trop lent pour être fiable (412,3 ms contre 20,1 ms)',
    ],
    [{ kind: 'notAsked' }, 'Not asked yet', 'Pas encore interrogé'],
    [{ kind: 'rejected', detail: { kind: 'stratumTooHigh', stratum: 16 } }, 'Too far from a reference clock (stratum 16)', 'Trop loin d’une horloge de référence (strate 16)'],
  ] as [ServerOutcome, string, string][])('%j', (outcome, en, fr) => {
    expect(outcomeText(outcome, 'en')).toBe(en);
    expect(outcomeText(outcome, 'fr')).toBe(fr);
  });

  it.each(LOCALES)('words every server outcome in %s, each differently', (lang) => {
    const texts = ALL_OUTCOMES.map((o) => outcomeText(o, lang));
    for (const text of texts) expect(text).toMatch(/^[^{}]*\p{L}{3}[^{}]*$/u);
    expect(new Set(texts).size).toBe(ALL_OUTCOMES.length);
  });

  it.each(LOCALES)('words every HTTP Date outcome in %s', (lang) => {
    const texts = ALL_HTTP_OUTCOMES.map((o) => httpOutcomeText(o, lang));
    for (const text of texts) expect(text).toMatch(/^[^{}]*\p{L}{3}[^{}]*$/u);
    expect(new Set(texts).size).toBe(ALL_HTTP_OUTCOMES.length);
  });
});
