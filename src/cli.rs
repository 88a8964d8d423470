//! The command line, declared with clap's derive API. Doc comments become the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::{CohortFormat, Format};

/// Self-assessment, gap report and plan for healthcare IT project managers.
///
/// Answer questions on HIPAA, risk, communication, technical depth and the rest of the role;
/// see where you stand against a target career stage, which certifications you can sit now,
/// and what to do in the next 30 days, 90 days and 12 months.
#[derive(Debug, Parser)]
#[command(name = "skillgap", version, max_term_width = 100)]
pub struct Cli {
    /// Use the rubric pack in DIR instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub rubrics: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the assessment (or score an answers file) and print the gap report.
    Assess(AssessArgs),
    /// Work with answers files.
    #[command(subcommand)]
    Answers(AnswersCommand),
    /// Check, list and inspect rubric packs.
    #[command(subcommand)]
    Rubrics(RubricsCommand),
    /// Show which certifications you are eligible for, and what is missing for the rest.
    Eligibility(EligibilityArgs),
    /// List your saved results, newest first.
    History {
        /// What to print.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print the gap report of a saved result again.
    Report {
        /// `latest` (the default), `latest~1` for the one before, … or a result file.
        #[arg(default_value = "latest", value_name = "RESULT")]
        result: String,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show what changed between two results: scores, levels, gaps, certifications.
    Compare {
        /// The earlier result: `latest~1`, … or a file.
        #[arg(value_name = "OLD")]
        old: String,
        /// The later result: `latest`, … or a file.
        #[arg(value_name = "NEW")]
        new: String,
        /// What to print.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Many people's results at once: where a class, team or cohort stands, who can sit which
    /// certification now, and which steps to run as group training.
    ///
    /// Each person counts once, with their latest result: people are told apart by the
    /// `person:` of their answers file (or `assess --person NAME`), else by the result's file
    /// name.
    Cohort(CohortArgs),
    /// Write a saved result as JSON, CSV, Markdown or HTML.
    Export {
        /// `latest` (the default), `latest~1`, … or a result file.
        #[arg(default_value = "latest", value_name = "RESULT")]
        result: String,
        /// The format to write.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to FILE instead of stdout (`-` means stdout).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script, e.g. `skillgap completions bash > ~/.local/share/bash-completion/completions/skillgap`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `skillgap man | man -l -`.
    Man,
}

/// Formats of the list-like commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// For a person to read.
    Table,
    /// For programs.
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct AssessArgs {
    /// Target career stage to measure against (see `skillgap rubrics list`).
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,

    /// Score this answers file (YAML or JSON; `-` reads stdin) instead of asking questions.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// What to print: the gap report or the JSON result document.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write the output to FILE instead of stdout (`-` means stdout).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Continue the unfinished assessment at the first unanswered question.
    #[arg(long, conflicts_with = "answers")]
    pub resume: bool,

    /// One line per prompt, numbered options, no colour or redraws: for screen readers and
    /// piped input. Chosen automatically when TERM=dumb.
    #[arg(long, conflicts_with = "answers")]
    pub plain: bool,

    /// Do not keep this result in your history (for scoring other people's answers files).
    #[arg(long)]
    pub no_save: bool,

    /// Ask the whole question bank instead of the default run's few scenarios per competency.
    #[arg(long, conflicts_with = "answers")]
    pub thorough: bool,

    /// Retake only these competencies (comma-separated ids, see `skillgap rubrics list`); the
    /// others, the background facts and the profile are carried from your latest result.
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub competency: Vec<String>,
    /// Whose answers these are, kept in the result for `skillgap cohort` (overrides
    /// `person:` in the answers file).
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Set a background fact, e.g. `--set pm_education_hours=35` after a course. Overrides
    /// the answers file, the answer given, or the fact a --competency retake carries.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CohortArgs {
    /// Result files, or folders searched recursively for `*.json`; your saved results when
    /// left out (all of them yours: one person).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Count only results measured against this target profile (needed when the results use
    /// several).
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,

    /// Count only results taken on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<jiff::civil::Date>,

    /// Item analysis, for pack authors and coaches: how each scenario performed
    /// (difficulty, discrimination, the options people chose, flags) and how reliable each
    /// competency's scenarios are. Scenarios come from the pack (built-in, or --rubrics DIR).
    #[arg(long)]
    pub items: bool,

    /// What to print.
    #[arg(long, value_enum, default_value_t = CohortFormat::Table)]
    pub format: CohortFormat,

    /// Write to FILE instead of stdout (`-` means stdout).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a date; write it like 2026-09-01"))
}

#[derive(Debug, Subcommand)]
pub enum AnswersCommand {
    /// Print an answers file listing every question with its allowed values, ready to fill in.
    Template {
        /// Profile to put in the file.
        #[arg(long, value_name = "ID")]
        profile: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RubricsCommand {
    /// Check a pack and report every problem with file, line and column.
    Validate {
        /// The pack folder; the built-in pack when left out.
        dir: Option<PathBuf>,
    },
    /// List the pack's competencies, profiles and certifications.
    List,
}

#[derive(Debug, Args)]
pub struct EligibilityArgs {
    /// Read background facts from this answers file (`-` reads stdin).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Set a fact, e.g. `--set degree=bachelor --set certifications_held=capm,pmp`.
    /// Overrides the file.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// What to print.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}
