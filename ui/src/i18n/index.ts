/**
 * Translation functions. `t(key, params)` returns the message of the current
 * locale with its `{placeholders}` filled; `tn(base, count, params)` picks the
 * plural form. Both read the rune-based locale store, so calling them from a
 * template or `$derived` re-renders when the language changes.
 */
import { en } from './en';
import { fr } from './fr';
import { locale, type Locale } from './locale.svelte';
import type { Catalogue, MessageKey, ParamArgs, ParamValue, PluralBase, PluralParams } from './types';

export type { Catalogue, MessageKey, PluralBase } from './types';
export { locale, LOCALES, isLocale, type Locale } from './locale.svelte';

const hasOwn = (object: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(object, key);

export const catalogues: Readonly<Record<Locale, Catalogue>> = { en, fr };

/** The message at a dot path, or undefined if there is none (or it is not a leaf). */
export function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Replace each `{name}` by `params.name`; unknown placeholders are left as they are. */
export function interpolate(template: string, params?: Readonly<Record<string, ParamValue>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Translate in an explicit locale (falls back to English, then to the key). */
export function translate(
  lang: Locale,
  key: string,
  params?: Readonly<Record<string, ParamValue>>,
): string {
  const template = lookup(catalogues[lang], key) ?? lookup(en, key) ?? key;
  return interpolate(template, params);
}

/** Translate in the current locale. */
export function t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
  return translate(locale.current, key, params[0]);
}

/**
 * Plural message: `zero` when count is 0, else the locale's plural category
 * (`one` or `other`; any other category falls back to `other`).
 * `{count}` is filled with the number formatted for the locale.
 */
export function tn<B extends PluralBase>(base: B, count: number, ...params: [PluralParams<B>] | []): string {
  const lang = locale.current;
  const category = count === 0 ? 'zero' : new Intl.PluralRules(lang).select(count);
  const form = category === 'zero' || category === 'one' ? category : 'other';
  const all = { ...params[0], count: new Intl.NumberFormat(lang).format(count) };
  return translate(lang, `${base}.${form}`, all);
}
