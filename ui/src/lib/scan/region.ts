/**
 * The area drawn on the screen snapshot: pointer drags and arrow keys move
 * it in snapshot pixels; it reaches the back end in screen pixels.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest area worth scanning, in snapshot pixels. */
export const MIN_SIDE = 8;
/** One arrow key press, in snapshot pixels (Shift: ten times more). */
export const KEY_STEP = 4;

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

/** The rectangle between two corners of a drag, kept inside the snapshot. */
export function dragRect(
  from: { x: number; y: number },
  to: { x: number; y: number },
  bounds: { width: number; height: number },
): Rect {
  const x1 = clamp(Math.min(from.x, to.x), 0, bounds.width);
  const y1 = clamp(Math.min(from.y, to.y), 0, bounds.height);
  const x2 = clamp(Math.max(from.x, to.x), 0, bounds.width);
  const y2 = clamp(Math.max(from.y, to.y), 0, bounds.height);
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** The middle half of the snapshot: where the keyboard starts. */
export function centreRect(bounds: { width: number; height: number }): Rect {
  const width = Math.round(bounds.width / 2);
  const height = Math.round(bounds.height / 2);
  return { x: Math.round(bounds.width / 4), y: Math.round(bounds.height / 4), width, height };
}

/**
 * Arrow keys move the area; with Alt they grow or shrink it (right/down
 * grow). Shift makes steps ten times larger. `null` for any other key.
 */
export function keyRect(
  rect: Rect,
  key: string,
  modifiers: { shift: boolean; alt: boolean },
  bounds: { width: number; height: number },
): Rect | null {
  const step = modifiers.shift ? KEY_STEP * 10 : KEY_STEP;
  const delta: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const move = delta[key];
  if (!move) return null;
  const [dx, dy] = move;
  if (modifiers.alt) {
    const width = clamp(rect.width + dx, MIN_SIDE, bounds.width - rect.x);
    const height = clamp(rect.height + dy, MIN_SIDE, bounds.height - rect.y);
    return { ...rect, width, height };
  }
  return {
    ...rect,
    x: clamp(rect.x + dx, 0, bounds.width - rect.width),
    y: clamp(rect.y + dy, 0, bounds.height - rect.height),
  };
}

/** Is the area large enough to scan? */
export function usable(rect: Rect | null): rect is Rect {
  return rect !== null && rect.width >= MIN_SIDE && rect.height >= MIN_SIDE;
}

/**
 * From snapshot pixels to screen pixels, rounded outwards and kept inside
 * the screen (so the back end never sees an area past the edge).
 */
export function toScreen(
  rect: Rect,
  snapshot: { width: number; height: number },
  screen: { width: number; height: number },
): Rect {
  const sx = screen.width / snapshot.width;
  const sy = screen.height / snapshot.height;
  const x = clamp(Math.floor(rect.x * sx), 0, screen.width - 1);
  const y = clamp(Math.floor(rect.y * sy), 0, screen.height - 1);
  const right = clamp(Math.ceil((rect.x + rect.width) * sx), x + 1, screen.width);
  const bottom = clamp(Math.ceil((rect.y + rect.height) * sy), y + 1, screen.height);
  return { x, y, width: right - x, height: bottom - y };
}
