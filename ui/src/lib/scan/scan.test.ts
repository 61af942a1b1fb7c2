import { describe, expect, it } from 'vitest';
import type { MigrationProgress, PendingAccount, ScanResult } from '../ipc';
import { carriesFiles, frameUrl, isEditable, isSettled, missingCodes, otpauthAccounts, outlinePoints } from './scan';

const ACCOUNT: PendingAccount = {
  pendingId: 1,
  duplicate: false,
  preview: { issuer: 'A', label: 'a', kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null, warning: null },
};
const progress = (scanned: number[], batchSize: number): MigrationProgress => ({
  batchId: 9,
  batchSize,
  scanned,
  complete: scanned.length === batchSize,
  accounts: [],
});
const result = (payloads: ScanResult['payloads'], migration: MigrationProgress | null = null): ScanResult => ({
  source: 'camera',
  payloads,
  migration,
});

describe('scan helpers', () => {
  it('lists the single accounts a scan found', () => {
    expect(otpauthAccounts(null)).toEqual([]);
    const found = result([{ kind: 'otpauth', account: ACCOUNT }, { kind: 'other', text: 'hello' }]);
    expect(otpauthAccounts(found)).toEqual([ACCOUNT]);
  });

  it('lets the camera stop on an account or a complete export, not before', () => {
    expect(isSettled(result([{ kind: 'otpauth', account: ACCOUNT }]))).toBe(true);
    expect(isSettled(result([{ kind: 'other', text: 'https://example.com' }]))).toBe(false);
    const invalid = { code: 'uri.secret_invalid', message: 'Bad secret', hint: null };
    expect(isSettled(result([{ kind: 'invalid', error: invalid }]))).toBe(false);
    const batch = { kind: 'migration', batchIndex: 0, batchSize: 2, batchId: 9, accountCount: 3 } as const;
    expect(isSettled(result([batch], progress([0], 2)))).toBe(false);
    expect(isSettled(result([batch], progress([1, 0], 2)))).toBe(true);
  });

  it('numbers the missing codes of an export from 1', () => {
    expect(missingCodes(progress([0, 2], 4))).toEqual([2, 4]);
    expect(missingCodes(progress([0, 1], 2))).toEqual([]);
  });

  it('draws outlines and frames', () => {
    expect(
      outlinePoints([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    ).toBe('1,2 3,4 5,6');
    expect(frameUrl('/9j/4AAQ')).toBe('data:image/jpeg;base64,/9j/4AAQ');
  });

  it('tells text fields (where Ctrl+V pastes text) from the rest', () => {
    const text = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(isEditable(text)).toBe(true);
    expect(isEditable(document.createElement('textarea'))).toBe(true);
    expect(isEditable(box)).toBe(false);
    expect(isEditable(document.createElement('button'))).toBe(false);
    expect(isEditable(null)).toBe(false);
  });

  it('recognises a drag that carries files', () => {
    const files = { dataTransfer: { types: ['Files'] } } as unknown as DragEvent;
    const link = { dataTransfer: { types: ['text/uri-list'] } } as unknown as DragEvent;
    expect(carriesFiles(files)).toBe(true);
    expect(carriesFiles(link)).toBe(false);
  });
});
