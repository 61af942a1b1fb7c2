//! Another X client's view of the keyboard, for the global shortcut's tests:
//! holding a key combination the way another application would (a passive
//! grab on the root window), and pressing keys through XTEST as a person would.

use anyhow::{Context, Result, bail};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    ConnectionExt, GrabMode, KEY_PRESS_EVENT, KEY_RELEASE_EVENT, Keycode, ModMask, Window,
};
use x11rb::protocol::xtest::ConnectionExt as _;
use x11rb::rust_connection::RustConnection;

/// X keysyms of the keys the tests use.
pub mod keysym {
    pub const CONTROL_L: u32 = 0xffe3;
    pub const ALT_L: u32 = 0xffe9;
    /// Lower-case letters are their ASCII codes.
    pub fn letter(c: char) -> u32 {
        u32::from(c.to_ascii_lowercase())
    }
}

/// A connection to one display, with its root window.
#[derive(Debug)]
pub struct Keyboard {
    conn: RustConnection,
    root: Window,
}

impl Keyboard {
    pub fn connect(display: &str) -> Result<Self> {
        let (conn, screen) = x11rb::connect(Some(display))
            .with_context(|| format!("cannot connect to X display {display}"))?;
        let root = conn.setup().roots[screen].root;
        Ok(Self { conn, root })
    }

    /// The keycode that types `sym` in the server's keyboard map.
    pub fn keycode(&self, sym: u32) -> Result<Keycode> {
        let setup = self.conn.setup();
        let (min, max) = (setup.min_keycode, setup.max_keycode);
        let map = self
            .conn
            .get_keyboard_mapping(min, max - min + 1)?
            .reply()?;
        let per = usize::from(map.keysyms_per_keycode).max(1);
        let index = map
            .keysyms
            .iter()
            .position(|&s| s == sym)
            .with_context(|| format!("no key types keysym {sym:#x} on this display"))?;
        let offset = u8::try_from(index / per).context("keycode out of range")?;
        Ok(min + offset)
    }

    /// Takes `mods`+`letter` (Alt is `ModMask::M1`) for this connection, as
    /// another application holding a global shortcut does. Kept until this
    /// value is dropped; fails if someone else holds it.
    pub fn grab(&self, mods: ModMask, letter: char) -> Result<()> {
        let key = self.keycode(keysym::letter(letter))?;
        let grabbed = self
            .conn
            .grab_key(
                false,
                self.root,
                mods,
                key,
                GrabMode::ASYNC,
                GrabMode::ASYNC,
            )?
            .check();
        if let Err(err) = grabbed {
            bail!("could not grab {mods:?}+{letter}: {err:?}");
        }
        Ok(())
    }

    /// Presses the keys in order, then releases them in reverse (XTEST).
    pub fn press(&self, syms: &[u32]) -> Result<()> {
        let codes: Vec<Keycode> = syms
            .iter()
            .map(|&s| self.keycode(s))
            .collect::<Result<_>>()?;
        for &code in &codes {
            self.conn
                .xtest_fake_input(KEY_PRESS_EVENT, code, 0, self.root, 0, 0, 0)?
                .check()?;
        }
        for &code in codes.iter().rev() {
            self.conn
                .xtest_fake_input(KEY_RELEASE_EVENT, code, 0, self.root, 0, 0, 0)?
                .check()?;
        }
        // A round trip: the server has handled every request above.
        self.conn.get_input_focus()?.reply()?;
        Ok(())
    }
}
