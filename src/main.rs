#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Writes `text` to stderr with its control characters made visible; a closed or full
/// stderr loses the message and nothing else.
fn say(text: &str) {
    let mut text = skillgap::text::escape(text);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn main() -> ExitCode {
    let cli = match skillgap::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // clap quotes the arguments it refuses: show them escaped, like every other message.
        Err(error) if error.use_stderr() => {
            say(&error.render().to_string());
            return ExitCode::from(error.exit_code() as u8);
        }
        // --help and --version: clap prints to stdout and ignores a closed pipe.
        Err(error) => error.exit(),
    };
    match skillgap::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error @ skillgap::Error::Interrupted(_)) => {
            say(&error.to_string());
            ExitCode::from(error.exit_code() as u8)
        }
        Err(error) => {
            say(&format!("error: {error}"));
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
