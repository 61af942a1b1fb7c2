//! Which update feed addresses are accepted. The feed tells the app what to
//! download; a signature check guards the file itself, but the feed must
//! still come over TLS so nobody on the path can hold updates back.

use url::{Host, Url};

use super::error::UpdateError;

/// Plain http is accepted only on this machine's loopback, and only where
/// tests run: debug builds. Release builds take https alone, as the updater
/// plugin itself does (it refuses http in release builds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    HttpsOnly,
    HttpsOrLoopbackHttp,
}

impl Transport {
    pub const fn for_this_build() -> Self {
        if cfg!(debug_assertions) {
            Transport::HttpsOrLoopbackHttp
        } else {
            Transport::HttpsOnly
        }
    }
}

/// The feed address `text` (trimmed), if `transport` allows it.
pub fn parse_endpoint(text: &str, transport: Transport) -> Result<Url, UpdateError> {
    let text = text.trim();
    let invalid = || UpdateError::InvalidEndpoint {
        endpoint: text.to_owned(),
    };
    let url = Url::parse(text).map_err(|_| invalid())?;
    if url.host().is_none() {
        return Err(invalid());
    }
    let allowed = match url.scheme() {
        "https" => true,
        "http" => transport == Transport::HttpsOrLoopbackHttp && is_loopback(&url),
        _ => false,
    };
    if !allowed {
        return Err(UpdateError::InsecureEndpoint {
            endpoint: text.to_owned(),
        });
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use kairos_core::UserFacing;

    use super::*;

    fn code(text: &str, transport: Transport) -> Option<&'static str> {
        parse_endpoint(text, transport).err().map(|e| e.code())
    }

    #[test]
    fn https_is_accepted_everywhere() {
        for transport in [Transport::HttpsOnly, Transport::HttpsOrLoopbackHttp] {
            let url = parse_endpoint(" https://updates.example.com/latest.json ", transport);
            assert_eq!(
                url.ok().map(String::from),
                Some("https://updates.example.com/latest.json".to_owned())
            );
        }
    }

    #[test]
    fn http_is_refused_off_loopback() {
        for endpoint in [
            "http://example.com/latest.json",
            "http://10.0.0.1/latest.json",
            "http://localhost.example.com/latest.json",
        ] {
            assert_eq!(
                code(endpoint, Transport::HttpsOrLoopbackHttp),
                Some("update.insecure_endpoint"),
                "{endpoint}"
            );
        }
    }

    #[test]
    fn loopback_http_only_where_allowed() {
        for endpoint in [
            "http://127.0.0.1:8080/latest.json",
            "http://localhost:8080/latest.json",
            "http://[::1]:8080/latest.json",
        ] {
            assert!(
                parse_endpoint(endpoint, Transport::HttpsOrLoopbackHttp).is_ok(),
                "{endpoint}"
            );
            assert_eq!(
                code(endpoint, Transport::HttpsOnly),
                Some("update.insecure_endpoint"),
                "{endpoint}"
            );
        }
    }

    #[test]
    fn other_schemes_and_non_urls_are_refused() {
        let transport = Transport::HttpsOrLoopbackHttp;
        assert_eq!(
            code("ftp://example.com/latest.json", transport),
            Some("update.insecure_endpoint")
        );
        assert_eq!(
            code("file:///etc/passwd", transport),
            Some("update.invalid_endpoint")
        );
        for bad in ["", "example.com/latest.json", "not a url", "https://"] {
            assert_eq!(
                code(bad, transport),
                Some("update.invalid_endpoint"),
                "{bad}"
            );
        }
    }
}
