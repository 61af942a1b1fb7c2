/** A translated sentence cut around known literal tokens, to show those as code. Pure. */
export type Segment = { text: string; code: boolean };

/** Split `text` so that each occurrence of a token is its own segment, marked as code. */
export function codeSegments(text: string, tokens: readonly string[]): Segment[] {
  const wanted = tokens.filter((token) => token !== '');
  if (wanted.length === 0) return text === '' ? [] : [{ text, code: false }];
  const escaped = wanted.map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'g');
  return text
    .split(pattern)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, code: wanted.includes(part) }));
}
