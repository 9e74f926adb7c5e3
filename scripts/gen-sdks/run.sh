#!/usr/bin/env bash
# Generates the package schema and the Go, Python and .NET SDKs from the field table (`npm run gen:sdks`).
#
#   1. scripts/gen-sdks/schema.ts prints provider/plugin/schema.ts's schema for package.json's version
#      into <out>/schema.json (the schema `pulumi package get-schema` returns from the plugin);
#   2. the Go program in scripts/gen-sdks/ (Pulumi's own SDK generators as libraries, versions pinned by
#      its go.mod and go.sum) writes <out>/go, <out>/python and <out>/dotnet from it.
# The same sources give the same bytes: no timestamps, fixed file modes, no network at generation time.
# tests/engine/sdks.test.ts regenerates into a temporary folder and compares it with the checked-in sdk/.
#
# Usage:
#   scripts/gen-sdks/run.sh                   regenerate sdk/ (default output folder)
#   scripts/gen-sdks/run.sh --out DIR         generate into DIR (created if needed) instead
#   scripts/gen-sdks/run.sh --print-generator build the generator if needed; print only its path
#
# Environment:
#   PULUMI_WICKR_CACHE_DIR  cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc)
#
# The generator is built with Go from the Go module proxy the first time (a few minutes with an empty
# module cache; log: <cache root>/build-gen-sdks.log) and cached in <cache root>/gen-sdks-<hash>/, the
# hash covering its sources, go.mod, go.sum and the Go version.
set -euo pipefail

log() { printf 'gen-sdks: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src_dir="$repo_root/scripts/gen-sdks"
out="$repo_root/sdk"
print_generator=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out)
      [[ $# -ge 2 && -n "$2" ]] || die "--out needs a folder"
      out="$2"
      shift 2
      ;;
    --print-generator)
      print_generator=true
      shift
      ;;
    -h | --help)
      sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '$1' (expected --out DIR, --print-generator or --help)" ;;
  esac
done

# --- Go ------------------------------------------------------------------------------------------
go_cmd="$(command -v go 2>/dev/null || true)"
if [[ -z "$go_cmd" && -x /usr/local/go/bin/go ]]; then go_cmd=/usr/local/go/bin/go; fi
[[ -n "$go_cmd" ]] || die "Go is needed to build the SDK generator but 'go' is not on PATH (nor /usr/local/go/bin/go); install Go from https://go.dev/dl/"
# Never let Go fetch another toolchain behind our back: an old Go should fail with a clear message.
export GOTOOLCHAIN=local
go_have="$("$go_cmd" env GOVERSION)"
go_needed="$(sed -n 's/^go \([0-9][0-9.]*\).*/\1/p' "$src_dir/go.mod" | head -n 1)"
if [[ -n "$go_needed" && "$(printf '%s\n%s\n' "$go_needed" "${go_have#go}" | sort -V | head -n 1)" != "$go_needed" ]]; then
  die "the SDK generator needs Go >= $go_needed but $go_cmd is $go_have"
fi

# --- The cached generator ------------------------------------------------------------------------
# Everything that goes into the binary: its sources, its pinned dependencies, the Go toolchain (the Go
# generator formats with the toolchain's go/format).
hash="$(
  cd "$src_dir"
  { printf '%s\n' "$go_have"; cat go.mod go.sum; for f in *.go logo.png; do printf '%s\n' "$f"; cat "$f"; done; } |
    sha256sum | cut -c1-16
)"
cache_root="${PULUMI_WICKR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc}"
install_dir="$cache_root/gen-sdks-$hash"
generator="$install_dir/gen-sdks"
build_log="$cache_root/build-gen-sdks.log"

if [[ ! -x "$generator" ]]; then
  mkdir -p "$cache_root"
  # Serialize concurrent builds (two test runs); the second one then finds the binary.
  if command -v flock >/dev/null 2>&1; then
    exec 7>"$cache_root/.lock-gen-sdks"
    if ! flock -n 7; then
      log "waiting for another build of the SDK generator in $cache_root to finish"
      flock 7
    fi
  fi
  if [[ ! -x "$generator" ]]; then
    log "building the SDK generator with $go_have from the Go module proxy (minutes the first time; log: $build_log)"
    started=$SECONDS
    tmp_bin="$(mktemp -d "$cache_root/.build-gen-sdks.XXXXXX")"
    # -mod=readonly: go.sum must already pin every module; -trimpath: no local paths in the binary.
    if ! (cd "$src_dir" && "$go_cmd" build -mod=readonly -trimpath -buildvcs=false -o "$tmp_bin/gen-sdks" .) >"$build_log" 2>&1; then
      tail -n 40 "$build_log" >&2
      rm -rf "$tmp_bin"
      die "building the SDK generator failed after $((SECONDS - started))s (full log: $build_log)"
    fi
    rm -rf "$install_dir"
    mv "$tmp_bin" "$install_dir"
    log "SDK generator built in $((SECONDS - started))s: $generator"
  fi
fi

if [[ "$print_generator" == true ]]; then
  printf '%s\n' "$generator"
  exit 0
fi

# --- Generate ------------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || die "node is not on PATH"
ts_node="$repo_root/node_modules/.bin/ts-node"
[[ -x "$ts_node" ]] || die "ts-node is not installed under $repo_root/node_modules (run npm install)"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
# Generate next to the output, then swap each part in, so a failure leaves the old SDKs whole.
staging="$(mktemp -d "$out/.gen-sdks.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
(cd "$repo_root" && "$ts_node" --transpile-only scripts/gen-sdks/schema.ts "$staging/schema.json")
"$generator" -schema "$staging/schema.json" -out "$staging"
for part in schema.json go python dotnet; do
  rm -rf "${out:?}/$part"
  mv "$staging/$part" "$out/$part"
done
log "wrote $out/{schema.json,go,python,dotnet}"
