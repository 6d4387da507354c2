//! `kiemtra seal`: finalise (if still a draft) and seal an inspection, optionally signed
//! with an OpenSSH ed25519 key (SSHSIG over the seal's SHA-256, namespace kiemtra-seal).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print};
use crate::domain::Lang;
use crate::domain::inspection::Status;
use crate::domain::seal::Signer;
use crate::domain::signature;
use crate::i18n::{self, lifecycle, trust};
use crate::store::fsx;

/// Environment variable holding the signing key's passphrase (for scripts and tests; a
/// person is asked on the terminal instead).
pub const PASSPHRASE_ENV: &str = "KIEMTRA_KEY_PASSPHRASE";

#[derive(Debug, Args)]
pub struct SealArgs {
    pub id: String,
    /// Who seals; defaults like every `--by` (see [`super::who`]).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Seal even though some criteria are not assessed.
    #[arg(long)]
    pub confirm_incomplete: bool,
    #[arg(long, value_name = "KEYFILE")]
    pub sign_with: Option<PathBuf>,
    #[arg(long, value_name = "NAME", requires = "sign_with")]
    pub principal: Option<String>,
    #[arg(long, value_name = "FILE", requires = "sign_with")]
    pub passphrase_file: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: SealArgs) -> Outcome {
    let lang = ctx.lang;
    // The key is read (and its passphrase asked) before the inspection is locked.
    let key = match &a.sign_with {
        Some(path) => Some(signing_key(lang, path, a.passphrase_file.as_deref())?),
        None => None,
    };
    let signer = match &key {
        Some(k) => {
            let principal = a
                .principal
                .clone()
                .or_else(|| Some(k.comment().trim().to_string()).filter(|c| !c.is_empty()))
                .ok_or_else(|| Failure(trust::no_principal(lang).into()))?;
            Some(Signer {
                principal,
                fingerprint: signature::fingerprint(k),
            })
        }
        None => None,
    };
    let by = super::who(&a.by);
    let (inspection, _) = ctx.edit_locked(&a.id, "kiemtra seal", |i, c| {
        let now = jiff::Timestamp::now();
        if !i.conflicts.is_empty() {
            return Err(Failure(crate::i18n::sync::conflicts_block(
                lang,
                i.conflicts.len(),
            )));
        }
        if i.status == Status::Draft {
            i.finalize(c, a.confirm_incomplete, &by, now)
                .map_err(|e| Failure(lifecycle::finalize_error(lang, &e)))?;
        }
        i.seal(&by, now, signer.as_ref())
            .map_err(|e| Failure(lifecycle::seal_error(lang, &e)))?;
        if let (Some(k), Some(seal)) = (&key, i.seal.as_mut()) {
            let signed = signature::sign(k, &seal.sha256)
                .map_err(|e| Failure(trust::key_unreadable(lang, Path::new("-"), &e)))?;
            seal.signature = Some(signed.armored);
        }
        Ok(true)
    })?;
    if let Some(s) = &inspection.seal {
        let mut text = format!("{}\n", lifecycle::sealed(lang, &s.sha256, &s.by));
        if let (Some(p), Some(f)) = (&s.principal, &s.fingerprint) {
            text.push_str(&trust::signed_seal(lang, p, f));
            text.push('\n');
        }
        print(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Read an OpenSSH ed25519 private key, decrypting it when it has a passphrase: from
/// `--passphrase-file`, else `KIEMTRA_KEY_PASSPHRASE`, else asked on the terminal.
fn signing_key(
    lang: Lang,
    path: &Path,
    passphrase_file: Option<&Path>,
) -> Result<ssh_key::PrivateKey, Failure> {
    let fail = |why: String| Failure(trust::key_unreadable(lang, path, &why));
    let bytes = fsx::read_regular(path)
        .map_err(|p| fail(i18n::load_reason(lang, &crate::store::load::reason_of(p))))?;
    let key = ssh_key::PrivateKey::from_openssh(&bytes)
        .map_err(|_| fail(trust::key_not_openssh(lang).into()))?;
    let key = if key.is_encrypted() {
        let pass = match passphrase_file {
            Some(f) => {
                let b = fsx::read_regular(f).map_err(|p| {
                    fail(i18n::load_reason(lang, &crate::store::load::reason_of(p)))
                })?;
                String::from_utf8_lossy(&b)
                    .trim_end_matches(['\n', '\r'])
                    .to_string()
            }
            None => match std::env::var(PASSPHRASE_ENV) {
                Ok(p) => p,
                Err(_) => rpassword::prompt_password(trust::passphrase_prompt(lang, path))
                    .map_err(|e| fail(trust::io_text(lang, &e)))?,
            },
        };
        key.decrypt(pass.as_bytes())
            .map_err(|_| fail(trust::wrong_passphrase(lang).into()))?
    } else {
        key
    };
    if key.algorithm() != ssh_key::Algorithm::Ed25519 {
        return Err(fail(trust::key_not_ed25519(lang).into()));
    }
    Ok(key)
}
