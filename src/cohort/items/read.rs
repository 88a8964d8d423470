//! Reading the counted results again for their scenario answers, in parallel, into a
//! [`Tally`].
//!
//! The cohort view first finds each person's latest result; only then is it known whose
//! answers count, so those files are read a second time. Each is parsed for four fields:
//! its version, when it was taken (to notice a file replaced in between), its pack, and the
//! answers to the pack's scenarios; every other answer and field is skipped unread. Nothing
//! of a file is kept but what it adds to the sums.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::tally::{Layout, Tally};
use crate::answers::Value;
use crate::cohort::read::{read_capped, Gathered};
use crate::cohort::Skipped;
use crate::text::one_line;

/// A counted person's latest result.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Latest {
    pub path: PathBuf,
    /// As the first reading found it.
    pub taken_at: String,
}

impl Gathered {
    /// The file of each person's latest result, by path. The paths move out (the view
    /// needs them no more), so a hundred thousand people do not hold two copies.
    pub fn latest(&mut self) -> Vec<Latest> {
        let mut files: Vec<Latest> = self
            .people
            .values_mut()
            .map(|p| Latest {
                path: std::mem::take(&mut p.file),
                taken_at: p.taken_at.clone(),
            })
            .collect();
        files.sort();
        files
    }
}

/// What reading the answers found.
#[derive(Debug)]
pub struct Outcome {
    pub tally: Tally,
    /// Results made with another pack than the one the items come from, by pack id: their
    /// answers are left out.
    pub other_packs: BTreeMap<String, usize>,
    /// Files that could not be read again, or had changed since the first reading.
    pub skipped: Vec<Skipped>,
}

/// Reads the scenario answers of `files` into a tally of `layout`'s scenarios. A file that
/// cannot be read again, or no longer holds the result first read, is listed in `skipped`.
pub fn read_answers(layout: &Layout<'_>, files: &[Latest]) -> Outcome {
    let mut outcome = files
        .par_iter()
        .fold(
            || Share::new(layout),
            |mut share, file| {
                share.take(layout, file);
                share
            },
        )
        .map(|share| share.outcome)
        .reduce(
            || Share::new(layout).outcome,
            |mut a, b| {
                a.tally.merge(b.tally);
                for (pack, n) in b.other_packs {
                    *a.other_packs.entry(pack).or_default() += n;
                }
                a.skipped.extend(b.skipped);
                a
            },
        );
    outcome.skipped.sort();
    outcome
}

/// One reading thread's share.
struct Share {
    outcome: Outcome,
    buffer: Vec<u8>,
    answers: Vec<(usize, Value)>,
}

impl Share {
    fn new(layout: &Layout<'_>) -> Self {
        Share {
            outcome: Outcome {
                tally: Tally::new(layout),
                other_packs: BTreeMap::new(),
                skipped: Vec::new(),
            },
            buffer: Vec::new(),
            answers: Vec::new(),
        }
    }

    fn take(&mut self, layout: &Layout<'_>, file: &Latest) {
        let skip = |outcome: &mut Outcome, error: String| {
            outcome.skipped.push(Skipped {
                path: file.path.to_string_lossy().into_owned(),
                error,
            })
        };
        // Read by the first reading's rules: the size cap, no FIFO, UTF-8 with an optional BOM.
        if let Err(error) = read_capped(&file.path, &mut self.buffer, &mut None) {
            skip(&mut self.outcome, error);
            return;
        }
        let text = match crate::store::as_text("", &self.buffer) {
            Ok(text) => text,
            Err(d) => {
                skip(
                    &mut self.outcome,
                    format!("changed since it was first read: {}", d.message),
                );
                return;
            }
        };
        self.answers.clear();
        let header = match parse(text.as_bytes(), layout, &mut self.answers) {
            Ok(header) => header,
            Err(e) => {
                skip(
                    &mut self.outcome,
                    format!("changed since it was first read, now not a result: {e}"),
                );
                return;
            }
        };
        let same = header.schema_version == Some(crate::result::SCHEMA_VERSION)
            && header.taken_at.as_deref() == Some(file.taken_at.as_str());
        if !same {
            skip(
                &mut self.outcome,
                "changed since it was first read (another result was written over it); run \
                 the command again"
                    .into(),
            );
            return;
        }
        let pack = header.pack.unwrap_or_default();
        if pack != layout.pack.id.as_str() {
            *self.outcome.other_packs.entry(one_line(&pack)).or_default() += 1;
            return;
        }
        let mut refs: Vec<(usize, &Value)> = self.answers.iter().map(|(i, v)| (*i, v)).collect();
        self.outcome.tally.add(layout, &mut refs);
    }
}

/// The fields of a result the item analysis reads besides the answers.
#[derive(Default)]
struct Header<'a> {
    schema_version: Option<u32>,
    taken_at: Option<Cow<'a, str>>,
    pack: Option<Cow<'a, str>>,
}

/// Parses a result for its header, putting the answers to `layout`'s scenarios in `answers`.
fn parse<'a>(
    bytes: &'a [u8],
    layout: &Layout<'_>,
    answers: &mut Vec<(usize, Value)>,
) -> serde_json::Result<Header<'a>> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let header = Document { layout, answers }.deserialize(&mut de)?;
    de.end()?;
    Ok(header)
}

/// A string that borrows from the input where it has no escapes.
struct Word<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Word<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Word<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Word<'de>, E> {
                Ok(Word(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Word<'de>, E> {
                Ok(Word(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

#[derive(Deserialize)]
struct PackView<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
}

/// The whole document, seeded with where the answers go.
struct Document<'l, 'p> {
    layout: &'l Layout<'p>,
    answers: &'l mut Vec<(usize, Value)>,
}

impl<'de> DeserializeSeed<'de> for Document<'_, '_> {
    type Value = Header<'de>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Header<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_, '_> {
    type Value = Header<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a skillgap result (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header<'de>, A::Error> {
        let mut header = Header::default();
        while let Some(Word(key)) = map.next_key()? {
            match &*key {
                "schema_version" => header.schema_version = Some(map.next_value()?),
                "taken_at" => header.taken_at = Some(map.next_value::<Word<'de>>()?.0),
                "pack" => header.pack = Some(map.next_value::<PackView<'de>>()?.id),
                "answers" => map.next_value_seed(Answers {
                    layout: self.layout,
                    answers: &mut *self.answers,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(header)
    }
}

/// The `answers` object: the scenarios' answers kept, the rest skipped.
struct Answers<'l, 'p> {
    layout: &'l Layout<'p>,
    answers: &'l mut Vec<(usize, Value)>,
}

impl<'de> DeserializeSeed<'de> for Answers<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Answers<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of answers")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Word(id)) = map.next_key()? {
            match self.layout.item(&id) {
                Some(item) => {
                    let value: Value = map.next_value()?;
                    self.answers.push((item, value));
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_header_and_only_the_scenario_answers() {
        let pack = crate::pack::load_embedded().unwrap();
        let layout = Layout::new(&pack);
        let scenario = layout.items[0].question;
        let doc = format!(
            r#"{{"schema_version": 1, "tool": {{"name": "x"}}, "pack": {{"id": "p\u0031", "version": 2}},
               "taken_at": "2026-01-01T00:00:00Z",
               "answers": {{"hipaa_rating": "expert", "{}": "{}", "nope": [1, 2]}}}}"#,
            scenario.id, scenario.options[0].id
        );
        let mut answers = Vec::new();
        let header = parse(doc.as_bytes(), &layout, &mut answers).unwrap();
        assert_eq!(header.schema_version, Some(1));
        assert_eq!(header.taken_at.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(header.pack.as_deref(), Some("p1"), "escapes are read");
        assert_eq!(
            answers,
            vec![(0, Value::Text(scenario.options[0].id.to_string()))]
        );
        assert!(parse(b"[1]", &layout, &mut answers).is_err());
        assert!(parse(b"{} {}", &layout, &mut answers).is_err());
    }
}
