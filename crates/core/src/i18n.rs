//! Languages Kairos speaks, and how one is picked.

use serde::{Deserialize, Serialize};

/// A language of the user interface, the CLI and error messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// Reads a POSIX or BCP 47 tag (`fr`, `fr_FR.UTF-8`, `fr-CA`, `en`).
    /// `None` for languages Kairos does not speak, so callers can fall through.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let lang = tag
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match lang.as_str() {
            "en" => Some(Locale::En),
            "fr" => Some(Locale::Fr),
            _ => None,
        }
    }

    /// Picks the language from `KAIROS_LANG`, then the usual POSIX variables.
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Same as [`Locale::from_env`] over any variable source, for tests.
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Self {
        ["KAIROS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .filter(|value| !value.is_empty())
            .find_map(|value| Self::from_tag(&value))
            .unwrap_or_default()
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// Picks this locale's variant of a text given in every language.
    pub fn pick<T>(self, en: T, fr: T) -> T {
        match self {
            Locale::En => en,
            Locale::Fr => fr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_posix_and_bcp47_tags() {
        assert_eq!(Locale::from_tag("fr_FR.UTF-8"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag("fr-CA"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag("EN_gb"), Some(Locale::En));
        assert_eq!(Locale::from_tag("de_DE"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn kairos_lang_wins_and_unknown_languages_fall_through() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Locale::from_vars(vars(&[("KAIROS_LANG", "fr"), ("LANG", "en_US.UTF-8")])),
            Locale::Fr
        );
        assert_eq!(
            Locale::from_vars(vars(&[("LC_ALL", "de_DE.UTF-8"), ("LANG", "fr_FR.UTF-8")])),
            Locale::Fr
        );
        assert_eq!(Locale::from_vars(vars(&[("LANG", "C")])), Locale::En);
    }

    #[test]
    fn serialises_as_lowercase_tag() {
        assert_eq!(
            serde_json::to_string(&Locale::Fr).ok().as_deref(),
            Some("\"fr\"")
        );
    }
}
