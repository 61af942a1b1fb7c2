import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveTheme, theme, THEME_STORAGE_KEY } from './theme.svelte';

/** A stand-in for the system's dark-mode media query, switchable by the test. */
function fakeSystem(prefersDark: boolean): { switchTo: (dark: boolean) => void; listeners: () => number } {
  const listeners = new Set<(event: MediaQueryListEvent) => void>();
  const query = {
    matches: prefersDark,
    media: '(prefers-color-scheme: dark)',
    addEventListener: (_: string, listener: (event: MediaQueryListEvent) => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MediaQueryListEvent) => void) => listeners.delete(listener),
  };
  vi.stubGlobal(
    'matchMedia',
    vi.fn((media: string) => {
      expect(media).toBe('(prefers-color-scheme: dark)');
      return query;
    }),
  );
  return {
    switchTo(dark: boolean) {
      query.matches = dark;
      for (const listener of listeners) listener({ matches: dark } as MediaQueryListEvent);
    },
    listeners: () => listeners.size,
  };
}

const shown = (): string | undefined => document.documentElement.dataset.theme;

afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
  theme.init();
});

describe('theme', () => {
  it('resolves a choice against the system preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('follows the system when the choice is System, live', () => {
    const system = fakeSystem(true);
    theme.init();
    expect(theme.choice).toBe('system');
    expect(shown()).toBe('dark');
    system.switchTo(false);
    expect(shown()).toBe('light');
    expect(theme.current).toBe('light');
    system.switchTo(true);
    expect(shown()).toBe('dark');
  });

  it('an override sets data-theme, is remembered, and ignores the system', () => {
    const system = fakeSystem(false);
    theme.init();
    expect(shown()).toBe('light');
    theme.set('dark');
    expect(shown()).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    system.switchTo(false);
    expect(shown()).toBe('dark');
    theme.set('light');
    system.switchTo(true);
    expect(shown()).toBe('light');
    theme.set('system');
    expect(shown()).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('system');
  });

  it('restores the stored choice at start, and falls back to System on junk', () => {
    fakeSystem(false);
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    theme.init();
    expect(theme.choice).toBe('dark');
    expect(shown()).toBe('dark');

    localStorage.setItem(THEME_STORAGE_KEY, 'purple');
    theme.init();
    expect(theme.choice).toBe('system');
    expect(shown()).toBe('light');
  });

  it('listens to the system once, however often it starts', () => {
    const system = fakeSystem(false);
    theme.init();
    theme.init();
    expect(system.listeners()).toBe(1);
  });
});
