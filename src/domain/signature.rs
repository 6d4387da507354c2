//! Signed seals: an OpenSSH signature (SSHSIG) over the 64 ASCII characters of a seal's
//! SHA-256, namespace `kiemtra-seal`, checked against an allowed_signers file — the same
//! format `ssh-keygen -Y verify` and git use, so either can check a kiemtra seal.

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

/// The SSHSIG namespace of kiemtra seals: a signature made for anything else (a git
/// commit, a file) is never taken for a seal.
pub const NAMESPACE: &str = "kiemtra-seal";

/// A signature made: the armored SSHSIG and the signing key's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub armored: String,
    pub fingerprint: String,
}

/// The fingerprint ("SHA256:...") of a private key's public half.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Sign a seal digest (its 64 hex characters, no newline).
pub fn sign(key: &PrivateKey, digest_hex: &str) -> Result<Signed, String> {
    let sig = key
        .sign(NAMESPACE, HashAlg::Sha512, digest_hex.as_bytes())
        .map_err(|e| e.to_string())?;
    let armored = sig.to_pem(LineEnding::LF).map_err(|e| e.to_string())?;
    Ok(Signed {
        armored,
        fingerprint: fingerprint(key),
    })
}

/// Why a signature is not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureProblem {
    Malformed(String),
    WrongNamespace(String),
    /// The signature does not match the digest (or the digest was changed).
    Invalid,
    NoPrincipal,
    FingerprintMismatch {
        recorded: String,
        actual: String,
    },
    /// No line of allowed_signers lets this key sign as this principal for kiemtra-seal.
    NotAllowed {
        principal: String,
        fingerprint: String,
    },
}

/// One line of an allowed_signers file.
#[derive(Debug, Clone)]
pub struct AllowedSigner {
    pub principals: Vec<String>,
    pub namespaces: Option<Vec<String>>,
    pub cert_authority: bool,
    pub key: PublicKey,
}

/// Parse an allowed_signers file (`man ssh-keygen`, ALLOWED SIGNERS): on a bad line, its
/// number (from 1).
pub fn parse_allowed_signers(text: &str) -> Result<Vec<AllowedSigner>, usize> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let tokens = split_quoted(line);
        let mut it = tokens.iter().map(String::as_str);
        let principals = it.next().ok_or(n + 1)?;
        let mut next = it.next().ok_or(n + 1)?;
        let mut namespaces = None;
        let mut cert_authority = false;
        if !is_key_type(next) {
            for opt in split_options(next) {
                let (k, v) = opt.split_once('=').unwrap_or((opt.as_str(), ""));
                match k.to_ascii_lowercase().as_str() {
                    "namespaces" => {
                        namespaces = Some(
                            v.trim_matches('"')
                                .split(',')
                                .map(|s| s.trim().to_string())
                                .collect(),
                        );
                    }
                    "cert-authority" => cert_authority = true,
                    _ => {}
                }
            }
            next = it.next().ok_or(n + 1)?;
        }
        let data = it.next().ok_or(n + 1)?;
        let key = PublicKey::from_openssh(&format!("{next} {data}")).map_err(|_| n + 1)?;
        out.push(AllowedSigner {
            principals: principals
                .trim_matches('"')
                .split(',')
                .map(str::to_string)
                .collect(),
            namespaces,
            cert_authority,
            key,
        });
    }
    Ok(out)
}

fn is_key_type(t: &str) -> bool {
    t.starts_with("ssh-") || t.starts_with("ecdsa-") || t.starts_with("sk-")
}

/// Split on blanks outside double quotes.
fn split_quoted(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Split an options field on commas outside double quotes.
fn split_options(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// OpenSSH's pattern matching: `*` and `?`, and a list where a `!pattern` that matches
/// refuses.
fn principal_matches(patterns: &[String], name: &str) -> bool {
    let mut matched = false;
    for p in patterns {
        if let Some(neg) = p.strip_prefix('!') {
            if glob(neg, name) {
                return false;
            }
        } else if glob(p, name) {
            matched = true;
        }
    }
    matched
}

fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Check a seal's signature: made over `digest_hex` in the kiemtra-seal namespace, by a
/// key that `allowed` lets sign as `principal`. Returns the key's fingerprint.
pub fn verify(
    armored: &str,
    digest_hex: &str,
    principal: Option<&str>,
    recorded_fingerprint: Option<&str>,
    allowed: &[AllowedSigner],
) -> Result<String, SignatureProblem> {
    let sig = SshSig::from_pem(armored.trim().as_bytes())
        .map_err(|e| SignatureProblem::Malformed(e.to_string()))?;
    if sig.namespace() != NAMESPACE {
        return Err(SignatureProblem::WrongNamespace(
            sig.namespace().to_string(),
        ));
    }
    let key = PublicKey::from(sig.public_key().clone());
    key.verify(NAMESPACE, digest_hex.as_bytes(), &sig)
        .map_err(|_| SignatureProblem::Invalid)?;
    let actual = key.fingerprint(HashAlg::Sha256).to_string();
    if let Some(recorded) = recorded_fingerprint
        && recorded != actual
    {
        return Err(SignatureProblem::FingerprintMismatch {
            recorded: recorded.to_string(),
            actual,
        });
    }
    let principal = principal.ok_or(SignatureProblem::NoPrincipal)?;
    let ok = allowed.iter().any(|a| {
        !a.cert_authority
            && a.key.key_data() == key.key_data()
            && principal_matches(&a.principals, principal)
            && a.namespaces
                .as_ref()
                .is_none_or(|ns| ns.iter().any(|n| glob(n, NAMESPACE)))
    });
    if ok {
        Ok(actual)
    } else {
        Err(SignatureProblem::NotAllowed {
            principal: principal.to_string(),
            fingerprint: actual,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_follow_openssh() {
        let p = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        assert!(principal_matches(&p("*@ca.gov.vn"), "an@ca.gov.vn"));
        assert!(!principal_matches(
            &p("*@ca.gov.vn,!mallory@*"),
            "mallory@ca.gov.vn"
        ));
        assert!(principal_matches(&p("an?"), "an1"));
        assert!(!principal_matches(&p("an"), "anh"));
    }

    #[test]
    fn options_with_quotes_are_one_field() {
        let t = split_quoted(r#"an@x namespaces="git,kiemtra-seal" ssh-ed25519 AAAA c"#);
        assert_eq!(t.len(), 5);
        assert_eq!(t[1], r#"namespaces="git,kiemtra-seal""#);
    }
}
