//! The `pacta` binary: parse arguments, run, print an error once, exit 1 on failure.

use clap::Parser;
use std::process::ExitCode;

// Loading the embedded dataset is allocation-heavy; mimalloc makes a cold start measurably
// faster (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match pacta::run(pacta::cli::Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        // `pacta ... | head` closes the pipe early; that is not a failure.
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            let message = error.for_terminal();
            // A failed `pacta check` has printed its own summary.
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(error.exit_code())
        }
    }
}
