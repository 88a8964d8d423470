//! The result document as pretty JSON, and the JSON layout every command writes.

use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, Style};
use crate::result::ResultDocument;

/// Prints the result document; the stable machine-readable form.
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn render(&self, doc: &ResultDocument, _style: Style) -> String {
        pretty(doc)
    }
}

/// `value` as pretty JSON ending in a newline, safe to print (see [`write_pretty`]).
pub fn pretty<T: Serialize>(value: &T) -> String {
    let mut bytes = Vec::with_capacity(4096);
    if write_pretty(&mut bytes, value).is_err() {
        return String::new();
    }
    // serde_json writes UTF-8 only, and the escapes are ASCII.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes `value` to `writer` as pretty JSON ending in a newline, with every character a
/// terminal could act on (DEL, the C1 controls, the bidirectional overrides; serde_json
/// escapes the C0 controls itself) written as a `\uNNNN` escape: the document means the same,
/// and printing it cannot drive the terminal. The text is escaped block by block as it is
/// made, so a large document goes straight to stdout with no whole copy of it in memory.
pub fn write_pretty<W: Write, T: Serialize>(writer: W, value: &T) -> io::Result<()> {
    let mut safe = SafeBlocks {
        inner: writer,
        pending: Vec::with_capacity(BLOCK + 1024),
    };
    // serde_json gives back the writer's own error (a closed pipe stays a closed pipe).
    serde_json::to_writer_pretty(&mut safe, value).map_err(io::Error::from)?;
    safe.write_all(b"\n")?;
    safe.flush()
}

/// How much JSON text [`SafeBlocks`] gathers before it escapes and passes it on.
const BLOCK: usize = 32 * 1024;

/// Passes JSON text on to `inner` with the characters [`write_pretty`] names escaped. Those
/// can only stand inside strings (everything else serde_json writes is ASCII), so escaping
/// the stream is escaping the strings. Text is gathered into blocks, each escaped up to its
/// last whole character, so the check runs over long runs rather than every small write.
struct SafeBlocks<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeBlocks<W> {
    /// Escapes and writes the pending text (all of it when `to_end`; otherwise up to a
    /// character cut by the block's end, which is kept for the next block).
    fn pass_on(&mut self, to_end: bool) -> io::Result<()> {
        let whole = if to_end {
            self.pending.len()
        } else {
            whole_characters(&self.pending)
        };
        let mut text = &self.pending[..whole];
        while let Some((at, length, code)) = crate::text::first_unsafe_bytes(text) {
            self.inner.write_all(&text[..at])?;
            write!(self.inner, "\\u{code:04x}")?;
            text = &text[at + length..];
        }
        self.inner.write_all(text)?;
        self.pending.drain(..whole);
        Ok(())
    }
}

/// How many bytes of UTF-8 `bytes` make whole characters: all but a last character cut short.
fn whole_characters(bytes: &[u8]) -> usize {
    // A character is at most 4 bytes: look back for its first byte.
    for back in 1..=bytes.len().min(4) {
        let at = bytes.len() - back;
        let b = bytes[at];
        if b & 0xc0 != 0x80 {
            let length = match b {
                0xf0.. => 4,
                0xe0.. => 3,
                0xc0.. => 2,
                _ => 1,
            };
            return if back < length { at } else { bytes.len() };
        }
    }
    bytes.len()
}

impl<W: Write> Write for SafeBlocks<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    // serde_json writes in many small pieces, each with `write_all`: this one is a plain
    // append (the default would loop over `write`).
    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= BLOCK {
            self.pass_on(false)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass_on(true)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_cut_by_a_block_end_is_escaped_whole() {
        for pad in 0..4 {
            let text = format!("{}\u{202e}\u{9b}é—", "x".repeat(BLOCK - 8 + pad));
            let expected =
                crate::text::json_safe(serde_json::to_string_pretty(&text).unwrap()) + "\n";
            assert_eq!(pretty(&text), expected, "pad {pad}");
        }
    }

    #[test]
    fn the_layout_is_serde_jsons_and_only_unsafe_characters_change() {
        let value = serde_json::json!({
            "plain": ["a", 1, {"b": null}, []],
            "unsafe": "a\u{9b}b\u{202e}c — d\u{7f}… \u{1b}[2J",
            "k\u{202e}ey": {}
        });
        let expected = crate::text::json_safe(serde_json::to_string_pretty(&value).unwrap()) + "\n";
        assert_eq!(pretty(&value), expected);
        assert!(pretty(&value).contains("a\\u009bb\\u202ec — d\\u007f… \\u001b[2J"));
    }
}
