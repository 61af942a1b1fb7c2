/**
 * Pure helpers for the Scan tab: what a scan found, when the camera may stop,
 * which codes of an export are missing, and the camera preview's geometry.
 */
import type { MigrationProgress, PendingAccount, ScanResult, ScanSource } from '../ipc';

/** The sources, in the order the Scan tab offers them. */
export const SOURCES: readonly ScanSource[] = ['image', 'camera', 'screen', 'clipboard'];

/** What the image picker and the drop zone accept. */
export const IMAGE_TYPES = 'image/png,image/jpeg,image/webp,image/gif';

/** The single accounts (otpauth:// codes) a scan found. */
export function otpauthAccounts(result: ScanResult | null): PendingAccount[] {
  if (!result) return [];
  return result.payloads.flatMap((p) => (p.kind === 'otpauth' ? [p.account] : []));
}

/**
 * Has the camera found what the person was after? An account, or the last
 * code of an export. A code that is not an account, a broken one, or one
 * code of an export still missing others keeps the camera looking.
 */
export function isSettled(result: ScanResult): boolean {
  if (result.migration?.complete) return true;
  if (result.migration) return false;
  return otpauthAccounts(result).length > 0;
}

/** The codes of an export not scanned yet, numbered from 1 as people count them. */
export function missingCodes(progress: MigrationProgress): number[] {
  const scanned = new Set(progress.scanned);
  const missing: number[] = [];
  for (let i = 0; i < progress.batchSize; i += 1) if (!scanned.has(i)) missing.push(i + 1);
  return missing;
}

/** An `<svg>` polygon's `points` for one code's corners. */
export function outlinePoints(outline: readonly (readonly [number, number])[]): string {
  return outline.map(([x, y]) => `${x},${y}`).join(' ');
}

/** A camera frame as an image URL (the CSP allows `img-src data:`). */
export function frameUrl(jpegBase64: string): string {
  return `data:image/jpeg;base64,${jpegBase64}`;
}

/** Is this event's target somewhere a person types (where Ctrl+V pastes text)? */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  }
  return false;
}

/** Does a drag carry files (rather than text or a link)? */
export function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}
