//! serde_json's pretty layout, written by a serializer of our own so that each string is
//! escaped once, in one pass that looks at 32 bytes at a time: JSON's own escapes and the
//! characters a terminal could act on together. Behind `serde_json::to_writer_pretty` each
//! string went through serde_json's byte-by-byte escaping and then through a second pass for
//! the terminal; that was a fifth of a scored run's instructions.
//!
//! The output is byte for byte what serde_json's pretty printer writes, with DEL, the C1
//! controls and the bidirectional overrides as `\uNNNN` escapes (the tests hold it to that).
//! Numbers are written by serde_json itself, so they read back exactly as before.

use std::fmt::Display;
use std::io::{self, Write};

use serde::ser::{self, Serialize};

/// How much text gathers before it is passed to the writer: a few pages, reused block after
/// block, and a few writes for a result (about 80 KB).
pub(super) const BLOCK: usize = 16 * 1024;

/// Why writing stopped: the writer's own error (a closed pipe stays a closed pipe), or a
/// value JSON cannot hold, such as a map key that is not text.
#[derive(Debug)]
pub(super) struct Error(pub(super) io::Error);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(io::Error::new(
            io::ErrorKind::InvalidData,
            message.to_string(),
        ))
    }
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Self {
        Error(error)
    }
}

/// Writes one value as pretty JSON: into its own buffer, passed on to `sink` block by block
/// (or kept whole when there is no sink).
pub(super) struct Pretty<W: Write> {
    out: Vec<u8>,
    depth: usize,
    sink: Option<W>,
}

impl<W: Write> Pretty<W> {
    /// A writer that passes its text on to `sink` in blocks as it goes.
    pub(super) fn streaming(sink: W) -> Self {
        Pretty {
            out: Vec::with_capacity(BLOCK + 4096),
            depth: 0,
            sink: Some(sink),
        }
    }

    /// A writer that keeps the whole text, for [`Pretty::finish`] to give back.
    pub(super) fn whole() -> Self {
        Pretty {
            out: Vec::with_capacity(4096),
            depth: 0,
            sink: None,
        }
    }

    /// Ends the document with a newline and writes what is left to the sink; without one,
    /// gives back the whole text.
    pub(super) fn finish(mut self) -> io::Result<Vec<u8>> {
        self.out.push(b'\n');
        match &mut self.sink {
            Some(sink) => {
                sink.write_all(&self.out)?;
                sink.flush()?;
                Ok(Vec::new())
            }
            None => Ok(self.out),
        }
    }

    fn pass_on_if_full(&mut self) -> io::Result<()> {
        if let Some(sink) = self.sink.as_mut().filter(|_| self.out.len() >= BLOCK) {
            sink.write_all(&self.out)?;
            self.out.clear();
        }
        Ok(())
    }

    /// A line break (after a comma unless `first`) and the indentation of the current depth,
    /// written at once.
    fn new_line(&mut self, first: bool) {
        const BREAK: &[u8] = b",\n                                                                ";
        let (start, end) = (usize::from(first), 2 + 2 * self.depth);
        match BREAK.get(start..end) {
            Some(bytes) => self.out.extend_from_slice(bytes),
            None => {
                self.out.extend_from_slice(&BREAK[start..2]);
                (0..self.depth).for_each(|_| self.out.extend_from_slice(b"  "));
            }
        }
    }

    fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.out.push(bracket);
    }

    /// Closes a collection; one with anything in it ends on a line of its own.
    fn close(&mut self, bracket: u8, any: bool) {
        self.depth -= 1;
        if any {
            self.new_line(true);
        }
        self.out.push(bracket);
    }

    fn key_then(&mut self, first: bool, key: &str) {
        self.new_line(first);
        write_string(&mut self.out, key);
        self.out.extend_from_slice(b": ");
    }

    fn number<T: Serialize>(&mut self, value: T) -> Result<(), Error> {
        serde_json::to_writer(&mut self.out, &value).map_err(|e| Error(e.into()))
    }
}

/// Appends `text` as a JSON string, escaped as serde_json escapes it (`\"`, `\\`, `\n` and
/// the other C0 controls) and with every character `text::is_unsafe` names (DEL, the C1
/// controls, the bidirectional overrides) as `\uNNNN`. Runs with none of the bytes that
/// start such a character are copied as they are: 32 bytes at a time while the text lasts,
/// then byte by byte.
pub(super) fn write_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut at = 0;
    loop {
        while let Some(block) = bytes
            .get(at..at + 32)
            .and_then(|b| <&[u8; 32]>::try_from(b).ok())
        {
            // Comparisons rather than the table, so the block is checked in vector registers.
            let look = block.iter().fold(false, |any, &b| {
                any | (b < 0x20)
                    | (b == b'"')
                    | (b == b'\\')
                    | (b == 0x7f)
                    | (b == 0xc2)
                    | (b == 0xe2)
            });
            if look {
                break;
            }
            at += 32;
        }
        while bytes.get(at).is_some_and(|&b| !LOOK[usize::from(b)]) {
            at += 1;
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        let (length, escape) = match byte {
            b'"' => (1, Escape::Short(b'"')),
            b'\\' => (1, Escape::Short(b'\\')),
            0x08 => (1, Escape::Short(b'b')),
            b'\t' => (1, Escape::Short(b't')),
            b'\n' => (1, Escape::Short(b'n')),
            0x0c => (1, Escape::Short(b'f')),
            b'\r' => (1, Escape::Short(b'r')),
            b @ 0..=0x1f => (1, Escape::Code(u32::from(b))),
            // DEL, or the first byte of a C1 control or a bidirectional override.
            _ => match crate::text::unsafe_at(bytes, at) {
                Some((length, code)) => (length, Escape::Code(code)),
                None => {
                    at += 1;
                    continue;
                }
            },
        };
        out.extend_from_slice(&bytes[copied..at]);
        match escape {
            Escape::Short(c) => out.extend_from_slice(&[b'\\', c]),
            Escape::Code(code) => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let digit = |shift: u32| HEX[((code >> shift) & 0xf) as usize];
                out.extend_from_slice(&[b'\\', b'u', digit(12), digit(8), digit(4), digit(0)]);
            }
        }
        at += length;
        copied = at;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// The bytes [`write_string`] looks at: those JSON escapes (C0 controls, `"`, `\\`), DEL, and
/// the first bytes of the C1 controls (0xC2) and of the bidirectional overrides (0xE2).
const LOOK: [bool; 256] = {
    let mut look = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        look[b] = true;
        b += 1;
    }
    look[b'"' as usize] = true;
    look[b'\\' as usize] = true;
    look[0x7f] = true;
    look[0xc2] = true;
    look[0xe2] = true;
    look
};

enum Escape {
    /// `\` and this letter.
    Short(u8),
    /// `\u` and four hex digits.
    Code(u32),
}

/// `serialize_i8(v: i8)` and the like: a serializer's methods for plain values, each passing
/// its value to the method `$write`.
macro_rules! scalars {
    ($write:ident: $($method:ident($number:ty))*) => {$(
        fn $method(self, v: $number) -> Result<(), Error> {
            self.$write(v)
        }
    )*};
}

impl<'a, W: Write> ser::Serializer for &'a mut Pretty<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    scalars!(number:
        serialize_i8(i8) serialize_i16(i16) serialize_i32(i32) serialize_i64(i64)
        serialize_i128(i128) serialize_u8(u8) serialize_u16(u16) serialize_u32(u32)
        serialize_u64(u64) serialize_u128(u128) serialize_f32(f32) serialize_f64(f64)
    );
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_string(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_string(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        v.iter().try_for_each(|b| seq.serialize_element(b))?;
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open(b'{');
        self.key_then(true, variant);
        value.serialize(&mut *self)?;
        self.close(b'}', true);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, W>, Error> {
        self.open(b'[');
        Ok(Compound::new(self, b']', false))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.open(b'{');
        self.key_then(true, variant);
        self.open(b'[');
        Ok(Compound::new(self, b']', true))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, W>, Error> {
        self.open(b'{');
        Ok(Compound::new(self, b'}', false))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.open(b'{');
        self.key_then(true, variant);
        self.open(b'{');
        Ok(Compound::new(self, b'}', true))
    }
}

/// A collection being written.
pub(super) struct Compound<'a, W: Write> {
    ser: &'a mut Pretty<W>,
    first: bool,
    bracket: u8,
    /// Inside `{"Variant": …}`, closed after the collection itself.
    in_variant: bool,
}

impl<'a, W: Write> Compound<'a, W> {
    fn new(ser: &'a mut Pretty<W>, bracket: u8, in_variant: bool) -> Self {
        Compound {
            ser,
            first: true,
            bracket,
            in_variant,
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.new_line(std::mem::take(&mut self.first));
        value.serialize(&mut *self.ser)?;
        Ok(self.ser.pass_on_if_full()?)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.ser.key_then(std::mem::take(&mut self.first), key);
        value.serialize(&mut *self.ser)?;
        Ok(self.ser.pass_on_if_full()?)
    }

    fn end(self) -> Result<(), Error> {
        self.ser.close(self.bracket, !self.first);
        if self.in_variant {
            self.ser.close(b'}', true);
        }
        Ok(())
    }
}

/// Sequences, tuples and tuple structs and variants write their items the same way.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<W: Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<W: Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.ser.new_line(std::mem::take(&mut self.first));
        key.serialize(MapKey(&mut self.ser.out))?;
        self.ser.out.extend_from_slice(b": ");
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.ser)?;
        Ok(self.ser.pass_on_if_full()?)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// Structs and struct variants write their fields the same way.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl<W: Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key: JSON keys are strings, so text is written as one, and a number or a bool in
/// quotes; anything else is refused, as serde_json refuses it.
struct MapKey<'a>(&'a mut Vec<u8>);

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl MapKey<'_> {
    fn quoted(self, number: impl Display) -> Result<(), Error> {
        write_string(self.0, &number.to_string());
        Ok(())
    }
}

/// The methods for keys JSON cannot have.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $name(self, $(_: $arg),*) -> Result<$ok, Error> {
            Err(key_must_be_a_string())
        })*
    };
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_string(self.0, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_string(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    scalars!(quoted:
        serialize_i8(i8) serialize_i16(i16) serialize_i32(i32) serialize_i64(i64)
        serialize_i128(i128) serialize_u8(u8) serialize_u16(u16) serialize_u32(u32)
        serialize_u64(u64) serialize_u128(u128) serialize_bool(bool)
    );
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if !v.is_finite() {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        // serde_json's own spelling of the number, in quotes.
        let number = serde_json::to_string(&v).map_err(|e| Error(e.into()))?;
        write_string(self.0, &number);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    refuse! {
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
}
