//! Finding entries: by AWS code and message, or in whatever text a person pastes.

use super::{Entry, all};

/// The entry for an error Cognito returned: entries with this code, the first whose message
/// fragments appear in `message`, else the code's general entry.
///
/// `code` may carry the decorations AWS and the SDKs add (`…#CodeMismatchException`,
/// `CodeMismatchException:http://…`) or lack the `Exception` suffix.
pub fn lookup(code: &str, message: &str) -> Option<&'static Entry> {
    let code = normalise_code(code)?;
    let lowered = message.to_lowercase();
    let same_code = || all().iter().copied().filter(|e| e.code == code);
    same_code()
        .find(|e| e.message_matches(&lowered))
        .or_else(|| same_code().find(|e| e.is_general()))
        .or_else(|| same_code().next())
}

/// Explanations for pasted text: an entry id, a code, an SDK error line, AWS's JSON body, or
/// just AWS's message. Best matches first; when a code is found but its message does not
/// single out a case, every entry for that code follows its general one. Empty when nothing
/// in the text is known.
pub fn explain(text: &str) -> Vec<&'static Entry> {
    let text = text.trim();
    if let Some(entry) = super::by_id(text) {
        return vec![entry];
    }
    let lowered = text.to_lowercase();
    let mut found: Vec<&'static Entry> = Vec::new();
    let mut push = |entry: &'static Entry| {
        if !found.iter().any(|e| e.id == entry.id) {
            found.push(entry);
        }
    };
    let codes = codes_in(text);
    for code in &codes {
        let exact = all()
            .iter()
            .copied()
            .find(|e| e.code == *code && e.message_matches(&lowered));
        match exact {
            Some(entry) => push(entry),
            None => {
                all()
                    .iter()
                    .copied()
                    .filter(|e| e.code == *code && e.is_general())
                    .for_each(&mut push);
                all()
                    .iter()
                    .copied()
                    .filter(|e| e.code == *code)
                    .for_each(&mut push);
            }
        }
    }
    if codes.is_empty() {
        all()
            .iter()
            .copied()
            .filter(|e| e.message_matches(&lowered))
            .for_each(push);
    }
    found
}

/// The catalogue's spelling of a code, if the catalogue knows it.
fn normalise_code(raw: &str) -> Option<&'static str> {
    let bare = raw.trim();
    let bare = bare.rsplit_once('#').map_or(bare, |(_, c)| c);
    let bare = bare.split_once(':').map_or(bare, |(c, _)| c).trim();
    if bare.is_empty() {
        return None;
    }
    all().iter().map(|e| e.code).find(|code| {
        code.eq_ignore_ascii_case(bare)
            || code
                .strip_suffix("Exception")
                .is_some_and(|short| short.eq_ignore_ascii_case(bare))
    })
}

/// Known codes named in free text, in order of appearance. Words are runs of letters, so
/// `(NotAuthorizedException)`, `"__type":"…#CodeMismatchException"` and
/// `CodeMismatchException:` all count; bare short forms (`CodeMismatch`) count too.
fn codes_in(text: &str) -> Vec<&'static str> {
    let mut codes = Vec::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        // Short words such as "the" or "not" are never codes.
        if word.len() < 6 {
            continue;
        }
        if let Some(code) = normalise_code(word)
            && !codes.contains(&code)
        {
            codes.push(code);
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_through_aws_decorations() {
        for raw in [
            "CodeMismatchException",
            "codemismatchexception",
            "CodeMismatch",
            "com.amazonaws.cognito#CodeMismatchException",
            "CodeMismatchException:http://internal.amazon.com/coral/com.amazonaws/",
        ] {
            assert_eq!(normalise_code(raw), Some("CodeMismatchException"), "{raw}");
        }
        assert_eq!(normalise_code("NoSuchThingException"), None);
        assert_eq!(normalise_code(""), None);
    }

    #[test]
    fn codes_are_found_in_sdk_lines_and_json() {
        assert_eq!(
            codes_in("service error: unhandled error (NotAuthorizedException) Invalid session"),
            ["NotAuthorizedException"]
        );
        assert_eq!(
            codes_in(
                r#"{"__type":"InvalidParameterException","message":"x"} then TooManyRequests"#
            ),
            ["InvalidParameterException", "TooManyRequestsException"]
        );
        assert!(codes_in("nothing known here").is_empty());
    }
}
