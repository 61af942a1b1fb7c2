//! Just enough HTTP/1.1 for the proxy: messages with a `Content-Length` or chunked body (or,
//! for responses, a body ending at connection close).

use std::io::{BufRead, Read, Write};

use anyhow::{Context, Result, anyhow, bail};

/// Requests larger than this are refused; Cognito requests are a few kilobytes.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// One message: its first line, headers in order, and its whole body.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub(crate) start_line: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Message {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the peer asked to close the connection after this message.
    pub(crate) fn wants_close(&self) -> bool {
        let http10 =
            self.start_line.ends_with("HTTP/1.0") || self.start_line.starts_with("HTTP/1.0");
        match self.header("connection") {
            Some(value) if value.eq_ignore_ascii_case("close") => true,
            Some(value) if value.eq_ignore_ascii_case("keep-alive") => false,
            _ => http10,
        }
    }

    /// Writes the message with a `Content-Length` body and the given `Connection` header,
    /// dropping hop-by-hop headers.
    pub(crate) fn write_to(&self, out: &mut impl Write, connection: &str) -> Result<()> {
        let mut head = format!("{}\r\n", self.start_line);
        for (name, value) in &self.headers {
            if is_hop_by_hop(name) {
                continue;
            }
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: {connection}\r\n\r\n",
            self.body.len()
        ));
        out.write_all(head.as_bytes())?;
        out.write_all(&self.body)?;
        out.flush()?;
        Ok(())
    }
}

fn is_hop_by_hop(name: &str) -> bool {
    [
        "connection",
        "keep-alive",
        "content-length",
        "transfer-encoding",
        "proxy-connection",
        "te",
        "upgrade",
    ]
    .iter()
    .any(|h| name.eq_ignore_ascii_case(h))
}

/// Reads one request; `None` when the client closed the connection between requests.
pub(crate) fn read_request(reader: &mut impl BufRead) -> Result<Option<Message>> {
    let Some((start_line, headers)) = read_head(reader)? else {
        return Ok(None);
    };
    let mut message = Message {
        start_line,
        headers,
        body: Vec::new(),
    };
    message.body = read_body(reader, &message, false)?;
    Ok(Some(message))
}

/// Reads one response to a request sent with `Connection: close`.
pub(crate) fn read_response(reader: &mut impl BufRead) -> Result<Message> {
    let (start_line, headers) =
        read_head(reader)?.ok_or_else(|| anyhow!("upstream closed without answering"))?;
    let mut message = Message {
        start_line,
        headers,
        body: Vec::new(),
    };
    message.body = read_body(reader, &message, true)?;
    Ok(message)
}

/// A start line and its headers.
type Head = (String, Vec<(String, String)>);

fn read_head(reader: &mut impl BufRead) -> Result<Option<Head>> {
    let mut start_line = String::new();
    // Tolerate empty lines before a request line (RFC 9112 §2.2).
    loop {
        start_line.clear();
        if reader.read_line(&mut start_line)? == 0 {
            return Ok(None);
        }
        if !start_line.trim().is_empty() {
            break;
        }
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            bail!("connection closed inside the headers");
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| anyhow!("bad header line {line:?}"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    Ok(Some((start_line.trim_end().to_owned(), headers)))
}

fn read_body(reader: &mut impl BufRead, message: &Message, is_response: bool) -> Result<Vec<u8>> {
    if message
        .header("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"))
    {
        return read_chunked(reader);
    }
    if let Some(length) = message.header("content-length") {
        let length: usize = length
            .parse()
            .with_context(|| format!("bad Content-Length {length:?}"))?;
        if length > MAX_BODY {
            bail!("body of {length} bytes is too large");
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        return Ok(body);
    }
    let mut body = Vec::new();
    if is_response && !no_body_status(&message.start_line) {
        reader.take(MAX_BODY as u64).read_to_end(&mut body)?;
    }
    Ok(body)
}

fn no_body_status(status_line: &str) -> bool {
    let status = status_line.split_whitespace().nth(1).unwrap_or_default();
    status.starts_with('1') || status == "204" || status == "304"
}

fn read_chunked(reader: &mut impl BufRead) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size_line = String::new();
        reader.read_line(&mut size_line)?;
        let size_hex = size_line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_hex, 16)
            .with_context(|| format!("bad chunk size {size_hex:?}"))?;
        if size == 0 {
            // Trailers, up to the empty line.
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        if body.len() + size > MAX_BODY {
            bail!("chunked body is too large");
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        let mut crlf = [0; 2];
        reader.read_exact(&mut crlf)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keep_alive_requests_one_after_another() {
        let raw = b"POST / HTTP/1.1\r\nContent-Length: 3\r\nX-Amz-Target: A.B\r\n\r\nabc\
                    POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
                    2\r\nxy\r\n1;ext\r\nz\r\n0\r\n\r\n";
        let mut reader = &raw[..];
        let first = read_request(&mut reader).expect("read").expect("request");
        assert_eq!(first.body, b"abc");
        assert_eq!(first.header("x-amz-target"), Some("A.B"));
        assert!(!first.wants_close());
        let second = read_request(&mut reader).expect("read").expect("request");
        assert_eq!(second.body, b"xyz");
        assert!(second.wants_close());
        assert!(read_request(&mut reader).expect("read").is_none());
    }

    #[test]
    fn a_response_without_length_ends_at_close() {
        let raw = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello";
        let response = read_response(&mut &raw[..]).expect("response");
        assert_eq!(response.body, b"hello");
        let mut out = Vec::new();
        response.write_to(&mut out, "keep-alive").expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.contains("Content-Length: 5\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\nhello"), "{text}");
    }
}
