/**
 * Ranking for the quick-search palette. Pure: no IPC, no DOM.
 *
 * Every word typed must be found in the account's issuer or label, ignoring
 * case and accents, either as it is ("hub" in "GitHub") or with letters left
 * out ("gthb" in "GitHub"). Closer matches rank first: a word starting the
 * issuer, then a word starting any word, then a plain substring, then letters
 * in order. Ties keep the accounts' own order (pinned first, then the user's).
 */
import { foldForSearch } from './otp';

type Named = { issuer: string; label: string; pinned: boolean };

/** How well one typed word matches: lower is better, null is no match. */
function wordScore(word: string, issuer: string, haystack: string): number | null {
  if (issuer.startsWith(word)) return 0;
  const at = haystack.indexOf(word);
  if (at >= 0) return at === 0 || /[^\p{L}\p{N}]/u.test(haystack[at - 1] ?? '') ? 1 : 2;
  // Letters in order, others between them ("gthb" in "github").
  let from = 0;
  for (const char of word) {
    const found = haystack.indexOf(char, from);
    if (found < 0) return null;
    from = found + char.length;
  }
  return 3;
}

/** The score of an account for the query (lower is better), or null if it does not match. */
export function paletteScore(account: { issuer: string; label: string }, query: string): number | null {
  const words = foldForSearch(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return 0;
  const issuer = foldForSearch(account.issuer.trim());
  const haystack = foldForSearch(`${account.issuer.trim()} ${account.label.trim()}`);
  let total = 0;
  for (const word of words) {
    const score = wordScore(word, issuer, haystack);
    if (score === null) return null;
    total += score;
  }
  return total;
}

/** The accounts matching `query`, best first; pinned before others on a tie, then in list order. */
export function rankForPalette<T extends Named>(accounts: readonly T[], query: string): T[] {
  return accounts
    .map((account, index) => ({ account, index, score: paletteScore(account, query) }))
    .filter((entry): entry is { account: T; index: number; score: number } => entry.score !== null)
    .sort(
      (a, b) =>
        a.score - b.score || Number(b.account.pinned) - Number(a.account.pinned) || a.index - b.index,
    )
    .map((entry) => entry.account);
}
