use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = skillgap::cli::Cli::parse();
    match skillgap::app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error @ skillgap::Error::Interrupted(_)) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code() as u8)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
