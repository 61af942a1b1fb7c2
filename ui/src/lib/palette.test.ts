/// <reference types="node" />
// Read from disk: vitest hands CSS imports (even ?raw) to tests as empty strings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Tests run from ui/ (package.json's scripts).
const css = readFileSync('src/app.css', 'utf8');

/** The custom properties declared in the first block opened by `selector`. */
function palette(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, `${selector} missing from app.css`).toBeGreaterThanOrEqual(0);
  const body = css.slice(start, css.indexOf('}', start));
  return new Map([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6});/gi)].map(([, name, value]) => [name ?? '', value ?? '']));
}

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

// The light palette is :root's; the dark one overrides the same names.
const light = palette(':root');
const dark = new Map([...light, ...palette(":root[data-theme='dark']")]);

it('the dark palette redefines every colour of the light one', () => {
  const darkOnly = palette(":root[data-theme='dark']");
  for (const [name, value] of light) expect(darkOnly.get(name), name).not.toBe(value);
  expect(darkOnly.size).toBe(light.size);
});

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s palette', (_, colours) => {
  const get = (name: string): string => {
    const value = colours.get(name);
    expect(value, `${name} is not a #rrggbb colour`).toBeDefined();
    return value ?? '';
  };

  it.each([
    ['--text', '--bg'],
    ['--text', '--surface'],
    ['--text', '--sidebar'],
    ['--text-muted', '--bg'],
    ['--text-muted', '--surface'],
    ['--text-muted', '--sidebar'],
    ['--accent', '--surface'],
    ['--accent-contrast', '--accent'],
    ['--danger', '--danger-bg'],
    ['--danger-contrast', '--danger'],
    ['--ok', '--ok-bg'],
    ['--ok', '--surface'],
    ['--warn', '--warn-bg'],
    ['--text', '--code-bg'],
  ])('%s on %s reads at AA (4.5:1)', (fg, bg) => {
    expect(contrast(get(fg), get(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(['--bg', '--surface', '--sidebar', '--hover'])('the focus ring stands out on %s (3:1)', (bg) => {
    expect(contrast(get('--focus'), get(bg))).toBeGreaterThanOrEqual(3);
  });
});
