import { describe, expect, it } from 'vitest';
import { bytesToBase64, readFileBytes } from './bytes';

describe('file bytes', () => {
  it('reads a file as bytes', async () => {
    const file = new File([new Uint8Array([1, 2, 250])], 'a.png');
    expect([...(await readFileBytes(file))]).toEqual([1, 2, 250]);
  });

  it('encodes base64 with padding, across chunks', () => {
    expect(bytesToBase64(new Uint8Array([]))).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('Kairos!'))).toBe('S2Fpcm9zIQ==');
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(atob(bytesToBase64(big)).length).toBe(100_000);
    expect(atob(bytesToBase64(big)).charCodeAt(99_999)).toBe(99_999 % 256);
  });
});
