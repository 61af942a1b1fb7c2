import { describe, expect, it } from 'vitest';
import { centreRect, dragRect, keyRect, MIN_SIDE, toScreen, usable } from './region';

const bounds = { width: 640, height: 400 };
const none = { shift: false, alt: false };

describe('screen area', () => {
  it('turns a drag in any direction into a rectangle inside the snapshot', () => {
    expect(dragRect({ x: 100, y: 50 }, { x: 20, y: 90 }, bounds)).toEqual({ x: 20, y: 50, width: 80, height: 40 });
    expect(dragRect({ x: 600, y: 380 }, { x: 700, y: -5 }, bounds)).toEqual({ x: 600, y: 0, width: 40, height: 380 });
  });

  it('starts the keyboard from the middle half', () => {
    expect(centreRect(bounds)).toEqual({ x: 160, y: 100, width: 320, height: 200 });
  });

  it('moves with arrows, resizes with Alt, steps ten times with Shift, stays inside', () => {
    const start = { x: 10, y: 10, width: 100, height: 50 };
    expect(keyRect(start, 'ArrowRight', none, bounds)).toEqual({ ...start, x: 14 });
    expect(keyRect(start, 'ArrowUp', { shift: true, alt: false }, bounds)).toEqual({ ...start, y: 0 });
    expect(keyRect(start, 'ArrowDown', { shift: false, alt: true }, bounds)).toEqual({ ...start, height: 54 });
    expect(keyRect(start, 'ArrowLeft', { shift: true, alt: true }, bounds)).toEqual({ ...start, width: 60 });
    const tiny = { x: 0, y: 0, width: MIN_SIDE, height: MIN_SIDE };
    expect(keyRect(tiny, 'ArrowLeft', { shift: false, alt: true }, bounds)).toEqual(tiny);
    const edge = { x: 600, y: 0, width: 40, height: 40 };
    expect(keyRect(edge, 'ArrowRight', none, bounds)).toEqual(edge);
    expect(keyRect(start, 'Enter', none, bounds)).toBeNull();
  });

  it('refuses areas too small to hold a code', () => {
    expect(usable(null)).toBe(false);
    expect(usable({ x: 0, y: 0, width: MIN_SIDE - 1, height: 50 })).toBe(false);
    expect(usable({ x: 0, y: 0, width: MIN_SIDE, height: MIN_SIDE })).toBe(true);
  });

  it('scales to screen pixels, outwards, never past the edge', () => {
    const screen = { width: 1280, height: 800 };
    expect(toScreen({ x: 160, y: 100, width: 320, height: 200 }, bounds, screen)).toEqual({
      x: 320,
      y: 200,
      width: 640,
      height: 400,
    });
    const odd = toScreen({ x: 0.3, y: 0.6, width: 10.2, height: 10.1 }, bounds, screen);
    expect(odd).toEqual({ x: 0, y: 1, width: 21, height: 21 });
    const corner = toScreen({ x: 630, y: 390, width: 10, height: 10 }, bounds, screen);
    expect(corner.x + corner.width).toBe(1280);
    expect(corner.y + corner.height).toBe(800);
  });
});
