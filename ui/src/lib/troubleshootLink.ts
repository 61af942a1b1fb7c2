/**
 * Deep links to the Troubleshoot page: `#/troubleshoot` or `#/troubleshoot/<entry id>`.
 * Error notices link to an entry this way; the app follows the hash to the page.
 */

const PREFIX = '#/troubleshoot';

/** The link to a catalogue entry. */
export function troubleshootHref(id: string): string {
  return `${PREFIX}/${encodeURIComponent(id)}`;
}

/**
 * What a location hash asks for: `null` when it is not a Troubleshoot link,
 * `{ id: null }` for the page itself, `{ id }` for one entry.
 */
export function parseTroubleshootHash(hash: string): { id: string | null } | null {
  if (hash === PREFIX || hash === `${PREFIX}/`) return { id: null };
  if (!hash.startsWith(`${PREFIX}/`)) return null;
  const raw = hash.slice(PREFIX.length + 1);
  try {
    const id = decodeURIComponent(raw);
    return { id: id === '' ? null : id };
  } catch {
    return { id: null };
  }
}
