//! Steam Guard codes: the RFC 4226 31-bit number written with Steam's own
//! 26-character alphabet (no vowels, no look-alikes such as 0/O or 1/I), least
//! significant "digit" first, 5 characters.

use super::params::STEAM_DIGITS;

const STEAM_ALPHABET: &[u8; 26] = b"23456789BCDFGHJKMNPQRTVWXY";

pub(crate) fn steam_code(truncated: u32) -> String {
    let radix = STEAM_ALPHABET.len() as u32;
    let mut rest = truncated;
    let mut code = String::with_capacity(usize::from(STEAM_DIGITS));
    for _ in 0..STEAM_DIGITS {
        code.push(char::from(STEAM_ALPHABET[(rest % radix) as usize]));
        rest /= radix;
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_significant_character_comes_first() {
        assert_eq!(steam_code(0), "22222");
        assert_eq!(steam_code(1), "32222");
        assert_eq!(steam_code(25), "Y2222");
        assert_eq!(steam_code(26), "23222");
        // 26^5 - 1 is the largest number 5 characters can write; above it the
        // high part is dropped, as Steam does.
        assert_eq!(steam_code(26u32.pow(5) - 1), "YYYYY");
        assert_eq!(steam_code(26u32.pow(5)), "22222");
    }
}
