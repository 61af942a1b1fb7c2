import { describe, expect, it } from 'vitest';
import { shortcutFromEvent } from './shortcut';

const press = (key: string, code: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean; meta?: boolean } = {}) =>
  shortcutFromEvent({
    key,
    code,
    ctrlKey: mods.ctrl ?? false,
    altKey: mods.alt ?? false,
    shiftKey: mods.shift ?? false,
    metaKey: mods.meta ?? false,
  });

describe('shortcutFromEvent', () => {
  it('writes modifiers in a fixed order, then the key by its place on the keyboard', () => {
    expect(press('K', 'KeyK', { shift: true, ctrl: true })).toBe('Ctrl+Shift+K');
    expect(press('k', 'KeyK', { meta: true, alt: true })).toBe('Alt+Super+K');
    // An AZERTY keyboard's top row gives "&" for Digit1: the name stays 1.
    expect(press('&', 'Digit1', { ctrl: true })).toBe('Ctrl+1');
    expect(press('F5', 'F5', { alt: true })).toBe('Alt+F5');
    expect(press(' ', 'Space', { ctrl: true })).toBe('Ctrl+Space');
    expect(press('ArrowUp', 'ArrowUp', { ctrl: true, alt: true })).toBe('Ctrl+Alt+Up');
  });

  it('leaves ordinary typing and lone modifiers alone', () => {
    expect(press('k', 'KeyK')).toBeNull();
    expect(press('K', 'KeyK', { shift: true })).toBeNull();
    expect(press('Control', 'ControlLeft', { ctrl: true })).toBeNull();
    expect(press('Shift', 'ShiftLeft', { ctrl: true, shift: true })).toBeNull();
  });

  it('keeps an unusual key by its own name, for the back end to refuse with a reason', () => {
    expect(press('ü', 'BracketLeft', { ctrl: true })).toBe('Ctrl+ü');
  });
});
