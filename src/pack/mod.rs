//! Rubric packs: the data model, loading from the embedded pack or a folder, and validation.

mod files;
mod load;
mod model;
#[cfg(test)]
pub(crate) mod sample;
mod validate;

pub use load::{
    check_embedded, embedded, load_dir, load_embedded, load_from, load_texts, PackSource,
    EMBEDDED_PACK,
};
pub use model::*;
pub use validate::{validate, Located, Parsed};
