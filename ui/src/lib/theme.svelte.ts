/**
 * The colour theme: the system's light or dark preference, or a choice made in
 * Settings. The resolved theme is written to `<html data-theme>`, which
 * selects the palette in app.css. The choice is kept in localStorage (it is
 * not a secret, and it must apply before the vault is open).
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'kairos.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** Pure: the theme shown for a choice, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

function readStored(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system'; // no or disabled storage: follow the system
  }
}

function writeStored(value: ThemeChoice): void {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, value);
  } catch {
    // storage disabled: the choice lasts for this session only
  }
}

function darkQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(DARK_QUERY)
    : null;
}

class ThemeStore {
  #choice = $state<ThemeChoice>('system');
  #systemDark = $state(false);
  #query: MediaQueryList | null = null;
  readonly #onSystemChange = (event: MediaQueryListEvent): void => {
    this.#systemDark = event.matches;
    this.#apply();
  };

  constructor() {
    this.init();
  }

  /** Reads the stored choice and starts following the system (again). */
  init(): void {
    this.#query?.removeEventListener('change', this.#onSystemChange);
    this.#query = darkQuery();
    this.#query?.addEventListener('change', this.#onSystemChange);
    this.#systemDark = this.#query?.matches ?? false;
    this.#choice = readStored();
    this.#apply();
  }

  /** Reactive: the choice made in Settings. */
  get choice(): ThemeChoice {
    return this.#choice;
  }

  /** Reactive: the theme on screen. */
  get current(): Theme {
    return resolveTheme(this.#choice, this.#systemDark);
  }

  /** Switch now and remember the choice. */
  set(value: ThemeChoice): void {
    this.#choice = value;
    writeStored(value);
    this.#apply();
  }

  #apply(): void {
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = this.current;
  }
}

export const theme = new ThemeStore();
