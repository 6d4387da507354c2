//! Encryption of bundles carried on USB sticks, with age: to age or SSH public keys, so
//! that a lost stick gives away nothing. Truncation and tampering are detected by age's
//! authenticated stream; a bundle for another key is refused before anything is read.

use std::io::{BufReader, Read, Write};
use std::str::FromStr;

/// The first bytes of every binary age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    #[error("not a recipient: {0}")]
    BadRecipient(String),
    #[error("no usable key in the identity file")]
    BadIdentity,
    #[error("the SSH key is protected by a passphrase")]
    PassphraseKey,
    #[error("encrypted, and no identity was given")]
    NeedsIdentity,
    #[error("encrypted to another key")]
    WrongKey,
    #[error("damaged (cut short or altered)")]
    Damaged,
    #[error("{0}")]
    Other(String),
}

pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Parse one recipient: an age public key (`age1…`), an SSH public key line
/// (`ssh-ed25519 AAAA… comment`, `ssh-rsa …`), or a file holding such lines.
pub fn recipients(spec: &str) -> Result<Vec<Box<dyn age::Recipient + Send>>, CryptError> {
    let spec = spec.trim();
    let path = std::path::Path::new(spec);
    if !spec.starts_with("age1") && !spec.starts_with("ssh-") && path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CryptError::BadRecipient(format!("{spec}: {e}")))?;
        let mut out = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            out.push(one_recipient(line)?);
        }
        if out.is_empty() {
            return Err(CryptError::BadRecipient(spec.to_string()));
        }
        return Ok(out);
    }
    Ok(vec![one_recipient(spec)?])
}

fn one_recipient(line: &str) -> Result<Box<dyn age::Recipient + Send>, CryptError> {
    if line.starts_with("age1") {
        return age::x25519::Recipient::from_str(line)
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|_| CryptError::BadRecipient(line.to_string()));
    }
    age::ssh::Recipient::from_str(line)
        .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
        .map_err(|_| CryptError::BadRecipient(line.chars().take(40).collect()))
}

pub fn encrypt(plain: &[u8], to: &[Box<dyn age::Recipient + Send>]) -> Result<Vec<u8>, CryptError> {
    let encryptor = age::Encryptor::with_recipients(to.iter().map(|r| r.as_ref() as _))
        .map_err(|e| CryptError::Other(e.to_string()))?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut w = encryptor
        .wrap_output(&mut out)
        .map_err(|e| CryptError::Other(e.to_string()))?;
    w.write_all(plain)
        .and_then(|_| w.finish().map(|_| ()))
        .map_err(|e| CryptError::Other(e.to_string()))?;
    Ok(out)
}

/// The identities in a key file: an age identity file (`AGE-SECRET-KEY-1…`) or an
/// unencrypted OpenSSH private key.
pub fn identities(bytes: &[u8]) -> Result<Vec<Box<dyn age::Identity>>, CryptError> {
    if let Ok(file) = age::IdentityFile::from_buffer(BufReader::new(bytes))
        && let Ok(ids) = file.into_identities()
        && !ids.is_empty()
    {
        return Ok(ids
            .into_iter()
            .map(|i| i as Box<dyn age::Identity>)
            .collect());
    }
    match age::ssh::Identity::from_buffer(BufReader::new(bytes), None) {
        Ok(age::ssh::Identity::Unencrypted(k)) => {
            Ok(vec![Box::new(age::ssh::Identity::Unencrypted(k))])
        }
        Ok(age::ssh::Identity::Encrypted(_)) => Err(CryptError::PassphraseKey),
        _ => Err(CryptError::BadIdentity),
    }
}

pub fn decrypt(cipher: &[u8], ids: &[Box<dyn age::Identity>]) -> Result<Vec<u8>, CryptError> {
    let decryptor = age::Decryptor::new_buffered(cipher).map_err(|_| CryptError::Damaged)?;
    let mut reader = decryptor
        .decrypt(ids.iter().map(|i| i.as_ref() as _))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => CryptError::WrongKey,
            _ => CryptError::Damaged,
        })?;
    let mut plain = Vec::new();
    reader
        .read_to_end(&mut plain)
        .map_err(|_| CryptError::Damaged)?;
    Ok(plain)
}
