//! `kiemtra completions SHELL`: shell completions generated from the same clap definitions
//! as the command line, with descriptions in the chosen language.

use std::process::ExitCode;

use clap::Args;
use clap_complete::Shell;

use super::{Ctx, Outcome, print};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_parser = ["bash", "zsh", "fish", "powershell"])]
    pub shell: String,
}

pub fn run(ctx: &Ctx, a: CompletionsArgs) -> Outcome {
    let shell = match a.shell.as_str() {
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        "powershell" => Shell::PowerShell,
        _ => Shell::Bash,
    };
    let mut cmd = super::command(ctx.lang);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "kiemtra", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}
