//! The result document as pretty JSON, and the JSON layout every command writes.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

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
    let mut serializer = serde_json::Serializer::with_formatter(&mut safe, Layout::default());
    // serde_json gives back the writer's own error (a closed pipe stays a closed pipe).
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    safe.write_all(b"\n")?;
    safe.flush()
}

/// serde_json's pretty layout (two spaces a level), each line break and its indentation
/// written at once rather than a write a level: a tenth of writing a result.
#[derive(Default)]
struct Layout {
    depth: usize,
    has_value: bool,
}

impl Layout {
    /// A line break (after a comma unless `first`) and the indentation of the current depth.
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        const BREAK: &[u8] = b",\n                                                                ";
        let (start, end) = (usize::from(first), 2 + 2 * self.depth);
        match BREAK.get(start..end) {
            Some(bytes) => writer.write_all(bytes),
            None => {
                writer.write_all(&BREAK[start..2])?;
                (0..self.depth).try_for_each(|_| writer.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(writer, true)?;
        }
        writer.write_all(bracket)
    }
}

impl Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
        // Deeper than the indentation the layout keeps at hand.
        let mut deep = serde_json::json!([1, {"a": []}]);
        for _ in 0..40 {
            deep = serde_json::json!({"k": [deep, {}]});
        }
        assert_eq!(
            pretty(&deep),
            serde_json::to_string_pretty(&deep).unwrap() + "\n"
        );
        assert!(pretty(&value).contains("a\\u009bb\\u202ec — d\\u007f… \\u001b[2J"));
    }
}
