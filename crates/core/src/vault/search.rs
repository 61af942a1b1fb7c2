//! Matching accounts against what someone types in the search box.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case, accents removed ("Société" → "societe"), so people find an
/// account however they type it.
pub(crate) fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether every word of `query` appears in the issuer or the label.
pub(crate) fn matches_query(issuer: &str, label: &str, query: &str) -> bool {
    let haystack = fold(&format!("{issuer} {label}"));
    fold(query)
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_case_and_accents() {
        assert_eq!(fold("Société GÉNÉRALE"), "societe generale");
        assert!(matches_query("Société Générale", "moi", "societe"));
        assert!(matches_query("Societe", "", "SOCIÉTÉ"));
        assert!(matches_query("Ærø", "", "ærø"));
    }

    #[test]
    fn every_word_must_match_somewhere() {
        assert!(matches_query("GitHub", "alice@example.com", "git alice"));
        assert!(!matches_query("GitHub", "alice@example.com", "git bob"));
        assert!(matches_query("GitHub", "alice", "   "));
    }
}
