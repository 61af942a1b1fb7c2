import { describe, expect, it } from 'vitest';
import { paletteScore, rankForPalette } from './paletteRank';

const account = (issuer: string, label: string, pinned = false) => ({ issuer, label, pinned });

describe('palette ranking', () => {
  it('matches every typed word, ignoring case and accents', () => {
    expect(paletteScore(account('Société Générale', 'éléonore'), 'societe ELEO')).not.toBeNull();
    expect(paletteScore(account('Société Générale', 'éléonore'), 'societe bob')).toBeNull();
  });

  it('matches letters in order with others between them, but not out of order', () => {
    expect(paletteScore(account('GitHub', 'octo'), 'gthb')).not.toBeNull();
    expect(paletteScore(account('GitHub', 'octo'), 'hbgt')).toBeNull();
  });

  it('an empty query matches everything in the given order', () => {
    const list = [account('B', 'x'), account('A', 'y')];
    expect(rankForPalette(list, '   ')).toEqual(list);
  });

  it('ranks issuer prefix, then word start, then substring, then scattered letters', () => {
    const scattered = account('Globex Hub', 'bob'); // g…h…u…b in order
    const wordStart = account('Bitbucket', 'ghub-mirror@x'); // a word of the label starts with “ghub”
    const inside = account('Maghub', 'carol'); // “ghub” inside a word
    const prefix = account('GHub tools', 'dave');
    const ranked = rankForPalette([scattered, inside, wordStart, prefix], 'ghub');
    expect(ranked.map((a) => a.issuer)).toEqual(['GHub tools', 'Bitbucket', 'Maghub', 'Globex Hub']);
  });

  it('puts pinned accounts first among equal matches, then keeps the list order', () => {
    const list = [account('Mail one', 'a'), account('Mail two', 'b'), account('Mail pinned', 'c', true)];
    expect(rankForPalette(list, 'mail').map((a) => a.issuer)).toEqual(['Mail pinned', 'Mail one', 'Mail two']);
  });
});
