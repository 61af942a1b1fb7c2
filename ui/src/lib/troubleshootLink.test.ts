import { describe, expect, it } from 'vitest';
import { parseTroubleshootHash, troubleshootHref } from './troubleshootLink';

describe('troubleshoot links', () => {
  it('round-trips entry ids through the hash', () => {
    expect(troubleshootHref('session-expired')).toBe('#/troubleshoot/session-expired');
    expect(parseTroubleshootHash(troubleshootHref('session-expired'))).toEqual({ id: 'session-expired' });
    expect(parseTroubleshootHash(troubleshootHref('a b/c'))).toEqual({ id: 'a b/c' });
  });

  it('tells the page itself from other hashes', () => {
    expect(parseTroubleshootHash('#/troubleshoot')).toEqual({ id: null });
    expect(parseTroubleshootHash('#/troubleshoot/')).toEqual({ id: null });
    expect(parseTroubleshootHash('#/troubleshooting')).toBeNull();
    expect(parseTroubleshootHash('')).toBeNull();
    expect(parseTroubleshootHash('#/troubleshoot/%E0%A4%A')).toEqual({ id: null });
  });
});
