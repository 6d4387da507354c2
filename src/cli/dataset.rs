//! `kiemtra dataset`: one row per inspection × criterion, as CSV (with a byte-order mark)
//! or NDJSON, written while the files are read. A file that cannot be read, or whose
//! catalog is not known here, is named on standard error and left out.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print};
use crate::domain::escape::for_terminal_line;
use crate::i18n::{self, programme};
use crate::report::dataset::{Format, Writer};
use crate::store::rollout::inspection_folder;
use crate::store::{Catalogs, DataDir, json_files, load_inspection_file};

#[derive(Debug, Args)]
pub struct DatasetArgs {
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[arg(long, value_parser = ["csv", "ndjson"], default_value = "csv")]
    pub format: String,
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: DatasetArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let folder = match &a.dir {
        Some(d) if !d.is_dir() => return Err(Failure(i18n::lifecycle::not_a_folder(lang, d))),
        Some(d) => inspection_folder(d),
        None => data.inspections(),
    };
    let mut catalogs = Catalogs::load(&data).map_err(|e| ctx.store(e))?;
    if let Some(d) = &a.dir {
        let other = Catalogs::load(&DataDir::at(d)).map_err(|e| ctx.store(e))?;
        catalogs.entries.extend(other.entries.into_iter().skip(1));
    }
    let files = json_files(&folder).map_err(|e| ctx.store(e))?;
    let format = if a.format == "ndjson" {
        Format::Ndjson
    } else {
        Format::Csv
    };
    let io_err = |e: std::io::Error| Failure(e.to_string());
    match super::output::target(lang, a.output)? {
        None => {
            // On standard output, text from the files is escaped as `print` does.
            let mut out = super::output::Escaped::new(
                BufWriter::new(std::io::stdout().lock()),
                format == Format::Ndjson,
            );
            let written = write_all(lang, &mut out, format, &files, &catalogs);
            match written.and_then(|_| out.finish().map(drop)) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                r => {
                    r.map_err(io_err)?;
                }
            }
        }
        Some(path) => {
            let rows = super::output::write(lang, &path, |w| {
                write_all(lang, w, format, &files, &catalogs)
            })?;
            print(&format!(
                "{}\n",
                programme::dataset_written(lang, rows, &path)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_all<W: Write>(
    lang: crate::domain::Lang,
    out: W,
    format: Format,
    files: &[PathBuf],
    catalogs: &Catalogs,
) -> std::io::Result<usize> {
    let mut w = Writer::new(out, format)?;
    for path in files {
        let i = match load_inspection_file(path) {
            Ok(i) => i,
            Err(e) => {
                eprintln!(
                    "kiemtra: {}",
                    for_terminal_line(&i18n::skipped_file(lang, &e))
                );
                continue;
            }
        };
        let c = &i.catalog;
        let Some(catalog) = catalogs.find(&c.id, &c.version, &c.sha256) else {
            let why = i18n::unknown_catalog(lang, &c.id, &c.version);
            eprintln!(
                "kiemtra: {}",
                for_terminal_line(&format!("{}: {why}", path.display()))
            );
            continue;
        };
        w.inspection(&i, catalog)?;
    }
    let rows = w.rows;
    w.finish()?;
    Ok(rows)
}
