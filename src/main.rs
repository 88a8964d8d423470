use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = skillgap::cli::Cli::parse();
    match skillgap::app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error @ skillgap::Error::Interrupted(_)) => {
            let _ = writeln!(std::io::stderr(), "{error}");
            ExitCode::from(error.exit_code() as u8)
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
