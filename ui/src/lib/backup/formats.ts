/** Import and export formats, in the order the window offers them. */
import type { ExportFormat, ImportFormat } from '../ipc';

/** The format select of the Import tab; `auto` first, the default. */
export const IMPORT_FORMATS: readonly ImportFormat[] = ['auto', 'aegis', '2fas', 'uris', 'kairos'];

/** The files the Import tab explains it can read (keys of `import.supported`). */
export const SUPPORTED = ['aegis', 'twofas', 'uris', 'kairos'] as const;

/** Export formats: the encrypted backup first (recommended). */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['kairos', 'aegis', 'uris'];

/** Formats that write secrets in clear: a warning and a confirmation first. */
export function isPlain(format: ExportFormat): boolean {
  return format !== 'kairos';
}

/** The shortest password the back end accepts for a Kairos backup. */
export const MIN_BACKUP_PASSWORD = 8;

/**
 * SVG markup as an image URL. Shown with `<img>`, an SVG runs no script and
 * loads nothing, so even markup from elsewhere could not reach the page; the
 * CSP allows `img-src data:`.
 */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
