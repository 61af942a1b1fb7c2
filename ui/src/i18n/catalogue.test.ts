import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { catalogues, LOCALES, type Catalogue } from './index';

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf as [dot.path, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value] as [string, string]] : leaves(value, path);
  });
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

const enLeaves = new Map(leaves(en));

describe('message catalogues', () => {
  it('registers every locale', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('%s has exactly the keys of en', (lang) => {
    const keys = leaves(catalogues[lang]).map(([path]) => path).sort();
    expect(keys).toEqual([...enLeaves.keys()].sort());
  });

  it.each(LOCALES)('%s has no empty or blank messages', (lang) => {
    const blank = leaves(catalogues[lang]).filter(([, text]) => text.trim() === '');
    expect(blank).toEqual([]);
  });

  it.each(LOCALES)('%s uses the same {placeholders} as en for every key', (lang) => {
    const mismatched = leaves(catalogues[lang])
      .filter(([path, text]) => placeholders(text).join() !== placeholders(enLeaves.get(path) ?? '').join())
      .map(([path]) => path);
    expect(mismatched).toEqual([]);
  });

  it.each(LOCALES)('%s has no stray braces', (lang) => {
    const broken = leaves(catalogues[lang])
      .filter(([, text]) => text.replace(/\{\w+\}/g, '').includes('{') || text.replace(/\{\w+\}/g, '').includes('}'))
      .map(([path]) => path);
    expect(broken).toEqual([]);
  });

  it('gives every plural message zero, one and other forms', () => {
    const bases = [...enLeaves.keys()].filter((k) => k.endsWith('.other')).map((k) => k.slice(0, -'.other'.length));
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      for (const form of ['zero', 'one', 'other']) expect(enLeaves.has(`${base}.${form}`)).toBe(true);
    }
  });

  it('actually translates French (not a copy of English)', () => {
    const same = leaves(fr).filter(([path, text]) => enLeaves.get(path) === text);
    // Product names, codes, examples and language names may stay as they are.
    expect(same.length).toBeLessThan(enLeaves.size / 5);
    expect(fr.pages.settings.title).toBe('Paramètres');
  });

  it('writes French with non-breaking spaces before : ; ? ! and inside « »', () => {
    const bad = leaves(fr)
      .filter(([, text]) => / [:;?!»]/.test(text) || /« /.test(text) || /'/.test(text))
      .map(([path]) => path);
    expect(bad).toEqual([]);
  });

  it('rejects, at compile time, a catalogue with a missing or an extra key', () => {
    // Checked by `npm run check` (tsc): remove one @ts-expect-error and it fails.
    const { codes: _codes, ...navWithoutCodes } = fr.nav;
    // @ts-expect-error — `nav.codes` is missing
    const missing: Catalogue = { ...fr, nav: navWithoutCodes };
    // @ts-expect-error — `nav.extra` is not in en
    const extra: Catalogue = { ...fr, nav: { ...fr.nav, extra: 'x' } };
    // @ts-expect-error — leaves must be strings
    const notString: Catalogue = { ...fr, app: { ...fr.app, name: 42 } };
    expect([missing, extra, notString]).toHaveLength(3);
  });
});
