#!/usr/bin/env bash
# Build what officers install on a machine without Rust, into target/packaging/:
#   kiemtra-VERSION-x86_64-linux-static   one static binary, runs on any x86_64 Linux
#   kiemtra_VERSION-1_amd64.deb           that binary, man pages, completions, README, licence
#
#   packaging/build.sh                  both, from one release build
#   packaging/build.sh --static         only the static binary
#   packaging/build.sh --deb --profile dev
#                                       a .deb of the debug binary (CI: checks the package's
#                                       layout without a second, slow optimised build)
#
# The static binary is built for x86_64-unknown-linux-musl (added with rustup when it is
# missing). When that target cannot be had, it falls back to glibc with
# `-C target-feature=+crt-static`, which is also fully static. cargo-deb is installed from
# crates.io when it is not on PATH (set CARGO_DEB to use another copy).
set -euo pipefail
cd "$(dirname "$0")/.."

want_static=1 want_deb=1 profile=release
while [ $# -gt 0 ]; do
  case "$1" in
    --static) want_deb=0 ;;
    --deb) want_static=0 ;;
    --profile) profile="$2"; shift ;;
    *) echo "packaging/build.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

out=target/packaging
mkdir -p "$out"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
profile_dir=$([ "$profile" = dev ] && echo debug || echo "$profile")

# Which target: musl when rustup has it or can add it, else static glibc.
triple=x86_64-unknown-linux-musl
if [ "$want_static" = 1 ] || [ "$profile" = release ]; then
  if ! rustup target list --installed 2>/dev/null | grep -qx "$triple"; then
    if ! rustup target add "$triple"; then
      echo "packaging: the musl target cannot be fetched here; building a static glibc binary" >&2
      triple=x86_64-unknown-linux-gnu
      export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static"
    fi
  fi
  cargo build --locked --profile "$profile" --target "$triple"
  bin="target/$triple/$profile_dir/kiemtra"
else
  # A quick package of the host build (the binary the tests already built).
  triple=""
  cargo build --locked --profile "$profile"
  bin="target/$profile_dir/kiemtra"
fi

if [ "$want_static" = 1 ]; then
  static="$out/kiemtra-$version-x86_64-linux-static"
  cp "$bin" "$static"
  if ldd "$static" 2>&1 | grep -q "=>"; then
    echo "packaging: $static is not static:" >&2
    ldd "$static" >&2
    exit 1
  fi
  echo "static binary: $static ($(stat -c %s "$static") bytes; $(file -b "$static" 2>/dev/null | cut -d, -f1-2 || true))"
  "$static" --version
fi

if [ "$want_deb" = 1 ]; then
  # Pages and completions come from the binary itself, i.e. from the clap definitions.
  # The man page is English in man1 (the C locale's) and Vietnamese in vi/man1.
  "$bin" --lang en man | gzip -9n > "$out/kiemtra.1.gz"
  "$bin" --lang vi man | gzip -9n > "$out/kiemtra.vi.1.gz"
  "$bin" completions bash > "$out/kiemtra.bash"
  "$bin" completions zsh > "$out/_kiemtra"
  "$bin" completions fish > "$out/kiemtra.fish"
  cargo_deb=${CARGO_DEB:-$(command -v cargo-deb || true)}
  if [ -z "$cargo_deb" ]; then
    echo "packaging: installing cargo-deb from crates.io (once)" >&2
    cargo install cargo-deb --locked --quiet
    cargo_deb=$(command -v cargo-deb || echo "$HOME/.cargo/bin/cargo-deb")
  fi
  args=(--no-build --no-strip --output "$out" --profile "$profile")
  [ -n "$triple" ] && args+=(--target "$triple")
  # A check-only package of a debug build need not be squeezed hard.
  [ "$profile" = release ] || args+=(--fast)
  "$cargo_deb" "${args[@]}" >/dev/null
  deb=$(ls -t "$out"/kiemtra_*.deb | head -1)
  echo "deb: $deb ($(stat -c %s "$deb") bytes)"
  dpkg-deb -c "$deb"
  dpkg-deb -f "$deb" Package Version Depends Recommends
fi
