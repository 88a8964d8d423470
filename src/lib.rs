//! skillgap: a competency self-assessment for healthcare IT project managers.
//!
//! Data flows one way: a rubric [`pack`] is loaded and validated; [`answers`] are checked
//! against it; [`score`] turns them into per-competency levels and gaps; [`eligibility`] and
//! [`plan`] add certifications and ranked steps; the [`result`] document carries it all; and
//! [`render`] prints it. Scoring and planning are pure functions: no I/O, no clock.
//!
//! Nothing prints with `println!`/`eprintln!`: they panic on a closed or full stream. Data
//! goes through [`store::write_output`], messages through [`diagnostic::message`].
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod answers;
pub mod cli;
pub mod cohort;
pub mod commands;
pub mod compare;
pub mod diagnostic;
pub mod eligibility;
pub mod history;
pub mod interactive;
pub mod json;
pub mod pack;
pub mod plan;
pub mod render;
pub mod result;
pub mod retake;
pub mod schema;
pub mod score;
pub mod selection;
pub mod session;
pub mod store;
pub mod template;
pub mod text;
mod unique;
pub mod yaml;

pub use diagnostic::{Diagnostic, Error, Result};
