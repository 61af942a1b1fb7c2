/**
 * Writing a pressed key combination the way the back end reads it
 * ("Ctrl+Shift+K"): modifiers in the order Ctrl, Alt, Shift, Super, then the
 * key by its place on the keyboard (`event.code`), so a layout's accents or
 * shifted symbols do not change the name.
 */

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'AltGraph', 'Shift', 'Meta', 'OS', 'Super', 'Hyper']);

const NAMED: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  Tab: 'Tab',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
};

function keyName(code: string, key: string): string {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter?.[1]) return letter[1];
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (digit?.[1]) return digit[1];
  if (/^F([1-9]|1[0-2])$/.test(code)) return code;
  // Anything else keeps its own name, for the back end to refuse with a reason.
  return NAMED[code] ?? key;
}

/**
 * The combination of a key press with Ctrl, Alt or Super held; null for
 * ordinary typing, or while only modifiers are down.
 */
export function shortcutFromEvent(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>): string | null {
  if (!event.ctrlKey && !event.altKey && !event.metaKey) return null;
  if (MODIFIER_KEYS.has(event.key)) return null;
  const parts: string[] = [];
  if (event.ctrlKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  if (event.metaKey) parts.push('Super');
  parts.push(keyName(event.code, event.key));
  return parts.join('+');
}
