#!/usr/bin/env bash
# Generates the package schema and the Go, Python, .NET and Java SDKs from the field table
# (`npm run gen:sdks`).
#
#   1. scripts/gen-sdks/schema.ts prints provider/plugin/schema.ts's schema for package.json's version
#      into <out>/schema.json (the schema `pulumi package get-schema` returns from the plugin);
#   2. the Go program in scripts/gen-sdks/ (Pulumi's own SDK generators as libraries, versions pinned by
#      its go.mod and go.sum) writes <out>/go, <out>/python and <out>/dotnet from it;
#   3. the Go program in scripts/gen-sdks/java/ (pulumi-java's generator, a module of its own) writes
#      <out>/java, with a Maven pom.xml.
# The same sources give the same bytes: no timestamps, fixed file modes, no network at generation time.
# tests/engine/sdks.test.ts regenerates into a temporary folder and compares it with the checked-in sdk/.
#
# Usage:
#   scripts/gen-sdks/run.sh                   regenerate sdk/ (default output folder)
#   scripts/gen-sdks/run.sh --out DIR         generate into DIR (created if needed) instead
#   scripts/gen-sdks/run.sh --print-generator build the generators if needed; print only the main one's path
#
# Environment:
#   PULUMI_WICKR_CACHE_DIR  cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc)
#
# The generators are built with Go from the Go module proxy the first time (minutes with an empty
# module cache; logs: <cache root>/build-gen-sdks.log, build-gen-java-sdk.log) and cached in
# <cache root>/gen-sdks-<hash>/ and gen-java-sdk-<hash>/, each hash covering its sources, go.mod,
# go.sum and the Go version.
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
      sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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

# --- The cached generators -----------------------------------------------------------------------
cache_root="${PULUMI_WICKR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc}"

# Builds (if needed) the Go program in folder $1 as <cache root>/$2-<hash>/$2 and sets `generator`
# to its path. The hash covers everything that goes into the binary: its sources, its pinned
# dependencies, the Go toolchain (the Go generator formats with the toolchain's go/format).
build_generator() {
  local dir="$1" name="$2" hash install_dir build_log started tmp_bin
  hash="$(
    cd "$dir"
    { printf '%s\n' "$go_have"; cat go.mod go.sum; for f in *.go *.png; do if [[ -e "$f" ]]; then printf '%s\n' "$f" && cat "$f"; fi; done; } |
      sha256sum | cut -c1-16
  )"
  install_dir="$cache_root/$name-$hash"
  generator="$install_dir/$name"
  build_log="$cache_root/build-$name.log"
  [[ -x "$generator" ]] && return 0
  mkdir -p "$cache_root"
  # Serialize concurrent builds (two test runs); the second one then finds the binary.
  if command -v flock >/dev/null 2>&1; then
    exec 7>"$cache_root/.lock-$name"
    if ! flock -n 7; then
      log "waiting for another build of $name in $cache_root to finish"
      flock 7
    fi
  fi
  if [[ ! -x "$generator" ]]; then
    log "building $name with $go_have from the Go module proxy (minutes the first time; log: $build_log)"
    started=$SECONDS
    tmp_bin="$(mktemp -d "$cache_root/.build-$name.XXXXXX")"
    # -mod=readonly: go.sum must already pin every module; -trimpath: no local paths in the binary.
    if ! (cd "$dir" && "$go_cmd" build -mod=readonly -trimpath -buildvcs=false -o "$tmp_bin/$name" .) >"$build_log" 2>&1; then
      tail -n 40 "$build_log" >&2
      rm -rf "$tmp_bin"
      die "building $name failed after $((SECONDS - started))s (full log: $build_log)"
    fi
    rm -rf "$install_dir"
    mv "$tmp_bin" "$install_dir"
    log "$name built in $((SECONDS - started))s: $generator"
  fi
  exec 7>&-
}

# Java's generator is a module of its own (pulumi-java is built on an older pkg/v3); see java/main.go.
build_generator "$src_dir/java" gen-java-sdk
java_generator="$generator"
build_generator "$src_dir" gen-sdks

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
"$java_generator" -schema "$staging/schema.json" -out "$staging/java"
for part in schema.json go python dotnet java; do
  rm -rf "${out:?}/$part"
  mv "$staging/$part" "$out/$part"
done
log "wrote $out/{schema.json,go,python,dotnet,java}"
