import { describe, expect, it, vi } from 'vitest';
import { interpolate, locale, lookup, t, tn, translate } from './index';
import { en } from './en';
import { LOCALE_STORAGE_KEY, pickLocale } from './locale.svelte';

describe('interpolate', () => {
  it('fills every occurrence of each placeholder', () => {
    expect(interpolate('{a} and {b}, then {a}', { a: 'x', b: 2 })).toBe('x and 2, then x');
  });

  it('leaves unknown placeholders as they are', () => {
    expect(interpolate('Hello {name} {other}', { name: 'Ada' })).toBe('Hello Ada {other}');
  });

  it('does not read inherited properties', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });
});

describe('lookup', () => {
  it('finds leaves only', () => {
    expect(lookup(en, 'nav.codes')).toBe('Codes');
    expect(lookup(en, 'nav')).toBeUndefined();
    expect(lookup(en, 'nav.codes.more')).toBeUndefined();
    expect(lookup(en, 'nope.nothing')).toBeUndefined();
    expect(lookup(en, 'constructor')).toBeUndefined();
  });
});

describe('t', () => {
  it('translates in the current locale, live', () => {
    locale.set('en');
    expect(t('pages.settings.title')).toBe('Settings');
    locale.set('fr');
    expect(t('pages.settings.title')).toBe('Paramètres');
  });

  it('interpolates params', () => {
    locale.set('en');
    expect(t('errors.ipc.unknownCommand.message', { command: 'foo' })).toBe(
      'The back end does not know the command “foo”.',
    );
    locale.set('fr');
    expect(t('errors.ipc.unknownCommand.message', { command: 'foo' })).toBe(
      'Le moteur de Kairos ne connaît pas la commande «\u00a0foo\u00a0».',
    );
  });

  it('falls back to the key for an unknown key (untyped callers)', () => {
    expect(translate('fr', 'does.not.exist')).toBe('does.not.exist');
  });

  it('is typed: unknown keys and missing params do not compile', () => {
    // @ts-expect-error — not a key of the catalogue
    expect(t('pages.nope')).toBe('pages.nope');
    // @ts-expect-error — `command` is required by this message
    expect(t('errors.ipc.unknownCommand.message')).toContain('{command}');
    // @ts-expect-error — this message takes no params
    expect(t('nav.codes', { x: 1 })).toBe('Codes');
  });
});

describe('tn (plurals)', () => {
  it('picks zero, one and other in English', () => {
    locale.set('en');
    expect(tn('admin.audit.exported', 0, { path: '/tmp/a.csv' })).toBe('Saved an empty log to /tmp/a.csv.');
    expect(tn('admin.audit.exported', 1, { path: '/tmp/a.csv' })).toBe('Saved 1 entry to /tmp/a.csv.');
    expect(tn('admin.audit.exported', 3, { path: '/tmp/a.csv' })).toBe('Saved 3 entries to /tmp/a.csv.');
  });

  it('picks zero, one and other in French, with French number formatting', () => {
    locale.set('fr');
    expect(tn('admin.audit.exported', 0, { path: 'a.csv' })).toBe('Journal vide enregistré dans a.csv.');
    expect(tn('admin.audit.exported', 1, { path: 'a.csv' })).toBe('1 entrée enregistrée dans a.csv.');
    expect(tn('admin.audit.exported', 2, { path: 'a.csv' })).toBe('2 entrées enregistrées dans a.csv.');
    expect(tn('admin.audit.exported', 1500, { path: 'a.csv' })).toMatch(/^1\s500 entrées/);
  });
});

describe('locale store', () => {
  it('chooses the stored language first, then the browser language', () => {
    expect(pickLocale('fr', 'en-GB')).toBe('fr');
    expect(pickLocale('en', 'fr-FR')).toBe('en');
    expect(pickLocale(null, 'fr-CA')).toBe('fr');
    expect(pickLocale(null, 'FR')).toBe('fr');
    expect(pickLocale('de', 'de-DE')).toBe('en');
    expect(pickLocale(undefined, undefined)).toBe('en');
  });

  it('remembers the choice and updates <html lang>', () => {
    locale.set('fr');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    locale.set('en');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('locale store start-up', () => {
  it('starts from localStorage, else from navigator.language', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    vi.resetModules();
    expect((await import('./locale.svelte')).locale.current).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');

    localStorage.clear();
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-BE');
    vi.resetModules();
    expect((await import('./locale.svelte')).locale.current).toBe('fr');

    vi.spyOn(navigator, 'language', 'get').mockReturnValue('pt-BR');
    vi.resetModules();
    expect((await import('./locale.svelte')).locale.current).toBe('en');
  });
});
