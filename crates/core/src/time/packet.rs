//! The 48-byte NTP packet (RFC 5905 §7.3) and NTP timestamps, client side.

/// Seconds from 1900-01-01 (start of NTP era 0) to 1970-01-01.
const NTP_UNIX_OFFSET: i128 = 2_208_988_800;
const NANOS_PER_SECOND: i128 = 1_000_000_000;
const ERA: i128 = 1 << 32;

pub(crate) const PACKET_LEN: usize = 48;
pub(crate) const MODE_CLIENT: u8 = 3;
pub(crate) const MODE_SERVER: u8 = 4;
const VERSION: u8 = 4;

/// Nanoseconds since the Unix epoch as a 64-bit NTP timestamp (32 bits of
/// seconds in the era, 32 bits of fraction). Rounded to the nearest 2⁻³² s
/// (0.23 ns), so a round trip gives back the same nanosecond. Only tests
/// need it: requests carry a nonce, never our time.
#[cfg(test)]
pub(crate) fn to_ntp(unix_nanos: i128) -> u64 {
    let seconds = unix_nanos.div_euclid(NANOS_PER_SECOND);
    let nanos = unix_nanos.rem_euclid(NANOS_PER_SECOND);
    // The wire keeps only the position within the era.
    let era_seconds = (seconds + NTP_UNIX_OFFSET).rem_euclid(ERA) as u64;
    // At most (10⁹−1)·2³²/10⁹ + ½ < 2³²: never carries into the seconds.
    let fraction = ((nanos << 32) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
    (era_seconds << 32) | fraction as u64
}

/// An NTP timestamp as nanoseconds since the Unix epoch. The packet does not
/// say its era (the first rolls over in February 2036), so the era chosen is
/// the one that puts the instant within ±68 years of `pivot_nanos`, our own
/// reading of the clock: any server further off than that is useless anyway.
pub(crate) fn from_ntp(timestamp: u64, pivot_nanos: i128) -> i128 {
    let era_seconds = (timestamp >> 32) as u32;
    let fraction = i128::from(timestamp as u32);
    let pivot_seconds = pivot_nanos.div_euclid(NANOS_PER_SECOND);
    let pivot_era_seconds = (pivot_seconds + NTP_UNIX_OFFSET).rem_euclid(ERA) as u32;
    // Signed distance on the 2³² circle: the nearest era wins.
    let ahead = era_seconds.wrapping_sub(pivot_era_seconds) as i32;
    let seconds = pivot_seconds + i128::from(ahead);
    let nanos = (fraction * NANOS_PER_SECOND + (1 << 31)) >> 32;
    seconds * NANOS_PER_SECOND + nanos
}

/// A client (mode 3) request. Every field is zero but the first byte and
/// the transmit timestamp, which carries `nonce` rather than our time: the
/// server echoes it as the originate timestamp, so an off-path attacker must
/// guess 64 random bits, and the request leaks nothing about our clock.
pub(crate) fn request(nonce: u64) -> [u8; PACKET_LEN] {
    let mut packet = [0u8; PACKET_LEN];
    packet[0] = (VERSION << 3) | MODE_CLIENT; // leap indicator 0
    packet[40..48].copy_from_slice(&nonce.to_be_bytes());
    packet
}

/// The fields of a reply the client uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reply {
    pub leap: u8,
    pub version: u8,
    pub mode: u8,
    pub stratum: u8,
    /// For stratum 0, the kiss code in ASCII.
    pub reference_id: [u8; 4],
    pub originate: u64,
    pub receive: u64,
    pub transmit: u64,
}

impl Reply {
    /// `None` when shorter than the 48-byte header; extension fields and
    /// MACs after it are ignored.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let header = bytes.get(..PACKET_LEN)?;
        let word = |at: usize| {
            let mut raw = [0u8; 8];
            raw.copy_from_slice(&header[at..at + 8]);
            u64::from_be_bytes(raw)
        };
        Some(Self {
            leap: header[0] >> 6,
            version: (header[0] >> 3) & 0b111,
            mode: header[0] & 0b111,
            stratum: header[1],
            reference_id: [header[12], header[13], header[14], header[15]],
            originate: word(24),
            receive: word(32),
            transmit: word(40),
        })
    }

    /// The kiss code of a stratum-0 reply, printable characters only.
    pub fn kiss_code(&self) -> String {
        self.reference_id
            .iter()
            .map(|&b| if b.is_ascii_graphic() { b as char } else { '?' })
            .collect::<String>()
            .trim_end_matches('?')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: i128 = NANOS_PER_SECOND;

    #[test]
    fn era_0_round_trips_to_the_nanosecond() {
        // 2024-05-01T12:00:00.123456789Z
        let unix = 1_714_564_800 * NS + 123_456_789;
        let ntp = to_ntp(unix);
        assert_eq!(ntp >> 32, 1_714_564_800 + 2_208_988_800);
        assert_eq!(from_ntp(ntp, unix), unix);
        assert_eq!(from_ntp(ntp, unix - 3600 * NS), unix);
        for nanos in [0, 1, 499_999_999, 500_000_000, 999_999_999] {
            let t = 1_000_000_000 * NS + nanos;
            assert_eq!(from_ntp(to_ntp(t), t), t, "{nanos}");
        }
        // Half a second is exactly half the fraction range.
        assert_eq!(to_ntp(500_000_000) as u32, 1 << 31);
    }

    #[test]
    fn the_2036_rollover_is_resolved_by_the_pivot() {
        // 2036-02-07T06:28:15Z is the last second of era 0.
        let last_of_era_0 = (1i128 << 32) - 1 - 2_208_988_800;
        let before = last_of_era_0 * NS + 250_000_000;
        let after = (last_of_era_0 + 2) * NS; // era 1, second 1
        assert_eq!(to_ntp(before) >> 32, 0xFFFF_FFFF);
        assert_eq!(to_ntp(after) >> 32, 1);
        // A server already in era 1 while we are still in era 0, and back.
        assert_eq!(from_ntp(to_ntp(after), before), after);
        assert_eq!(from_ntp(to_ntp(before), after), before);
    }

    #[test]
    fn requests_are_version_4_client_packets_carrying_the_nonce() {
        let packet = request(0x0102_0304_0506_0708);
        assert_eq!(packet[0], 0b00_100_011);
        assert_eq!(&packet[40..48], &[1, 2, 3, 4, 5, 6, 7, 8]);
        assert!(packet[1..40].iter().all(|&b| b == 0));
    }

    #[test]
    fn replies_parse_and_short_ones_do_not() {
        let mut bytes = [0u8; 48];
        bytes[0] = (3 << 6) | (4 << 3) | 4;
        bytes[1] = 0;
        bytes[12..16].copy_from_slice(b"RATE");
        bytes[24..32].copy_from_slice(&7u64.to_be_bytes());
        let reply = Reply::parse(&bytes).expect("48 bytes");
        assert_eq!((reply.leap, reply.version, reply.mode), (3, 4, 4));
        assert_eq!(reply.kiss_code(), "RATE");
        assert_eq!(reply.originate, 7);
        assert_eq!(Reply::parse(&bytes[..47]), None);
    }
}
