//! The `kiemtra` binary: parse the command line, dispatch, return the exit code.

fn main() -> std::process::ExitCode {
    kiemtra::cli::main(std::env::args_os().collect())
}
