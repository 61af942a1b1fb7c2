//! Just enough of the protobuf wire format for Google Authenticator's
//! migration payload: varints and length-delimited fields, read and written
//! by hand so no build step (protoc) and no code generator are needed.
//!
//! Reading is strict where a wrong guess would import wrong accounts
//! (truncated fields, over-long varints, groups) and lenient where protobuf
//! itself is (unknown fields of known wire types are skipped, so a newer
//! Google Authenticator adding a field still imports).

use zeroize::Zeroizing;

/// What is wrong with the bytes; shown in `uri.migration_protobuf` messages
/// (in English, as a detail for bug reports).
pub(super) type WireProblem = &'static str;

/// One field's value as it appears on the wire.
pub(super) enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    /// Fixed 32- or 64-bit values: no field Kairos reads has them.
    Fixed,
}

/// Reads fields one after the other from a message's bytes.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    /// The next field's number and value; `None` at the end of the message.
    pub(super) fn next_field(&mut self) -> Result<Option<(u64, Value<'a>)>, WireProblem> {
        if self.bytes.is_empty() {
            return Ok(None);
        }
        let key = self.varint()?;
        let number = key >> 3;
        if number == 0 {
            return Err("field number 0");
        }
        let value = match key & 7 {
            0 => Value::Varint(self.varint()?),
            1 => {
                self.take(8)?;
                Value::Fixed
            }
            2 => {
                let len = usize::try_from(self.varint()?).map_err(|_| "length too large")?;
                Value::Bytes(self.take(len)?)
            }
            5 => {
                self.take(4)?;
                Value::Fixed
            }
            // 3 and 4 are the deprecated groups; 6 and 7 do not exist.
            _ => return Err("unsupported wire type"),
        };
        Ok(Some((number, value)))
    }

    fn varint(&mut self) -> Result<u64, WireProblem> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.bytes.split_first().ok_or("truncated varint")?;
            self.bytes = rest;
            // The tenth byte may only carry the 64th bit.
            if shift == 63 && byte > 1 {
                return Err("varint longer than 64 bits");
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("varint longer than 64 bits")
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], WireProblem> {
        if len > self.bytes.len() {
            return Err("truncated field");
        }
        let (taken, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(taken)
    }
}

/// Protobuf's `int32`: the low 32 bits of the varint (negative numbers are
/// sign-extended to 64 bits on the wire).
pub(super) fn int32(value: u64) -> i32 {
    value as u32 as i32
}

/// Writes a message. The buffer zeroes itself on drop: it holds secrets.
pub(super) struct Writer {
    out: Zeroizing<Vec<u8>>,
}

impl Writer {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Self {
            out: Zeroizing::new(Vec::with_capacity(capacity)),
        }
    }

    pub(super) fn varint_field(&mut self, number: u64, value: u64) {
        self.varint(number << 3);
        self.varint(value);
    }

    /// An `int32` field: negative values take ten bytes, as protobuf says.
    pub(super) fn int32_field(&mut self, number: u64, value: i32) {
        self.varint_field(number, i64::from(value) as u64);
    }

    pub(super) fn bytes_field(&mut self, number: u64, bytes: &[u8]) {
        self.varint((number << 3) | 2);
        self.varint(bytes.len() as u64);
        self.out.extend_from_slice(bytes);
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.out.len()
    }

    pub(super) fn into_bytes(self) -> Zeroizing<Vec<u8>> {
        self.out
    }

    fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.out.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.out.push(value as u8);
    }
}

/// Bytes a length-delimited field of `len` bytes takes, key included, for
/// sizing buffers and batches before writing.
pub(super) fn bytes_field_len(number: u64, len: usize) -> usize {
    varint_len((number << 3) | 2) + varint_len(len as u64) + len
}

fn varint_len(value: u64) -> usize {
    let bits = 64 - value.leading_zeros() as usize;
    bits.div_ceil(7).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (field number, varint value, bytes value) of each field.
    type Field = (u64, Option<u64>, Option<Vec<u8>>);

    fn fields(bytes: &[u8]) -> Result<Vec<Field>, WireProblem> {
        let mut reader = Reader::new(bytes);
        let mut out = Vec::new();
        while let Some((number, value)) = reader.next_field()? {
            out.push(match value {
                Value::Varint(v) => (number, Some(v), None),
                Value::Bytes(b) => (number, None, Some(b.to_vec())),
                Value::Fixed => (number, None, None),
            });
        }
        Ok(out)
    }

    #[test]
    fn reads_what_it_writes() {
        let mut writer = Writer::with_capacity(0);
        writer.varint_field(1, 300);
        writer.int32_field(5, -2);
        writer.bytes_field(2, b"hello");
        let bytes = writer.into_bytes();
        // 300 = 0b10_0101100 → AC 02, the example of the protobuf docs.
        assert_eq!(&bytes[..3], &[0x08, 0xAC, 0x02]);
        let read = fields(&bytes).expect("valid");
        assert_eq!(read[0], (1, Some(300), None));
        assert_eq!(read[1].0, 5);
        assert_eq!(read[1].1.map(int32), Some(-2));
        assert_eq!(read[2], (2, None, Some(b"hello".to_vec())));
    }

    #[test]
    fn negative_int32_takes_ten_bytes() {
        let mut writer = Writer::with_capacity(0);
        writer.int32_field(1, -1);
        assert_eq!(writer.len(), 11);
    }

    #[test]
    fn skips_fixed_width_fields_and_refuses_groups() {
        // field 9 fixed64, field 10 fixed32, then field 1 varint 7
        let mut bytes = vec![(9 << 3) | 1];
        bytes.extend_from_slice(&[0; 8]);
        bytes.push((10 << 3) | 5);
        bytes.extend_from_slice(&[0; 4]);
        bytes.extend_from_slice(&[0x08, 7]);
        let read = fields(&bytes).expect("valid");
        assert_eq!(read.last(), Some(&(1, Some(7), None)));
        assert_eq!(fields(&[(1 << 3) | 3]).err(), Some("unsupported wire type"));
    }

    #[test]
    fn truncation_is_an_error_not_a_shorter_message() {
        assert_eq!(fields(&[0x12, 5, b'a']).err(), Some("truncated field"));
        assert_eq!(fields(&[0x08, 0x80]).err(), Some("truncated varint"));
        assert_eq!(
            fields(&[
                0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02
            ])
            .err(),
            Some("varint longer than 64 bits")
        );
        assert_eq!(fields(&[0x00, 0x01]).err(), Some("field number 0"));
    }

    #[test]
    fn field_lengths_are_predicted_exactly() {
        for len in [0usize, 1, 127, 128, 300, 20_000] {
            let mut writer = Writer::with_capacity(0);
            writer.bytes_field(1, &vec![0; len]);
            assert_eq!(writer.len(), bytes_field_len(1, len), "{len}");
        }
    }
}
