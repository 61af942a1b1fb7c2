import { describe, expect, it } from 'vitest';
import type { AccountPreview, PendingAccount } from './ipc';
import { defaultSelection, importable, mergeSelection } from './pending';

const PREVIEW: AccountPreview = {
  issuer: 'X',
  label: 'x',
  kind: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: null,
  warning: null,
};
const account = (pendingId: number, duplicate = false): PendingAccount => ({ pendingId, preview: PREVIEW, duplicate });

describe('choosing pending accounts', () => {
  it('selects every account that is not a duplicate', () => {
    expect(defaultSelection([account(1), account(2, true), account(3)])).toEqual([1, 3]);
  });

  it('keeps the choices made when the list grows, and selects newcomers', () => {
    const before = [account(1), account(2)];
    const after = [account(1), account(2), account(3), account(4, true)];
    // 2 was unchecked by hand: it stays so; 3 is new; 4 is a duplicate.
    expect(mergeSelection(before, [1], after)).toEqual([1, 3]);
  });

  it('drops accounts no longer listed', () => {
    expect(mergeSelection([account(1), account(2)], [1, 2], [account(2)])).toEqual([2]);
  });

  it('imports only listed, non-duplicate, selected accounts, in list order', () => {
    const list = [account(5), account(6, true), account(7)];
    expect(importable(list, [7, 6, 5, 99])).toEqual([5, 7]);
  });
});
