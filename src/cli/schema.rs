//! `kiemtra schema inspection|catalog`: the JSON Schema of a file format, generated from the
//! types that read and write it (a copy is kept in docs/).

use std::process::ExitCode;

use clap::Args;

use super::{Outcome, print_json};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[arg(value_parser = ["inspection", "catalog"])]
    pub kind: String,
}

pub fn run(a: SchemaArgs) -> Outcome {
    print_json(&crate::domain::schema::of(&a.kind))?;
    Ok(ExitCode::SUCCESS)
}
