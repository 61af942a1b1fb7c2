/**
 * The current interface language, as a Svelte 5 rune-based store.
 *
 * Initialised from localStorage, else from navigator.language (fr* → fr,
 * anything else → en). Changing it is live: everything that calls `t()` in a
 * template re-renders, and `<html lang>` follows.
 */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_STORAGE_KEY = 'kairos.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Pure choice of the start-up language. */
export function pickLocale(stored: string | null | undefined, browserLanguage: string | undefined): Locale {
  if (isLocale(stored)) return stored;
  return browserLanguage?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null; // no or disabled storage: fall back to the browser language
  }
}

function writeStored(value: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, value);
  } catch {
    // storage disabled: the choice lasts for this session only
  }
}

function browserLanguage(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}

function applyToDocument(value: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = value;
}

class LocaleStore {
  #current = $state<Locale>(pickLocale(readStored(), browserLanguage()));

  constructor() {
    applyToDocument(this.#current);
  }

  /** Reactive: reading it inside a template or `$derived` tracks it. */
  get current(): Locale {
    return this.#current;
  }

  /** Switch language now, remember it, and update `<html lang>`. */
  set(value: Locale): void {
    this.#current = value;
    writeStored(value);
    applyToDocument(value);
  }
}

export const locale = new LocaleStore();
