#!/usr/bin/env bash
# Builds Pulumi Java's language host (`pulumi-language-java`) from the Go module proxy and caches it
# outside the repository, for the engine tests that run a Java program (`runtime: java`,
# tests/engine/languages.test.ts).
#
# The version is the one scripts/gen-sdks/java/go.mod pins (github.com/pulumi/pulumi-java/pkg): the
# host is built from that module, its `tool` line and its go.sum, so the host that runs Java programs
# and the generator that wrote sdk/java are the same pulumi-java release, and every module is verified
# against go.sum. (`go install …@version` does not work: the proxy refuses the module's version list.)
# One build serves every Pulumi CLI version and every CI leg: the host talks to the CLI over gRPC.
#
# Usage:
#   scripts/pulumi-java-install.sh               build if needed; progress on stderr
#   scripts/pulumi-java-install.sh --print-path  same, then print only the bin folder on stdout
#
# Environment:
#   PULUMI_WICKR_CACHE_DIR  cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc)
#   PULUMI_WICKR_JAVA_DIR   use this folder holding a `pulumi-language-java` binary instead of building
#
# Result: <cache root>/pulumi-language-java-v<version>/bin/pulumi-language-java; the Go output of the
# last build is in <cache root>/build-pulumi-language-java-v<version>.log. Running Java programs also
# needs a JDK (11 or later) and Maven on PATH; this script does not install them.
set -euo pipefail

readonly MODULE="github.com/pulumi/pulumi-java/pkg"
readonly PACKAGE="$MODULE/cmd/pulumi-language-java"
readonly VERSION_VARIABLE="$MODULE/version.Version"
readonly HOST="pulumi-language-java"

log() { printf 'pulumi-java-install: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

print_path=false
case "${1:-}" in
  "") ;;
  --print-path) print_path=true ;;
  -h | --help)
    sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die "unknown argument '$1' (expected --print-path or --help)" ;;
esac

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module_dir="$repo_root/scripts/gen-sdks/java"
version="$(sed -n "s|^[[:space:]]*require $MODULE \(v[0-9][0-9a-z.+-]*\).*|\1|p; s|^[[:space:]]*$MODULE \(v[0-9][0-9a-z.+-]*\).*|\1|p" "$module_dir/go.mod" | head -n 1)"
[[ -n "$version" ]] || die "$module_dir/go.mod requires no $MODULE version"
grep -q "^tool $PACKAGE\$" "$module_dir/go.mod" || die "$module_dir/go.mod has no 'tool $PACKAGE' line"

finish() {
  if [[ "$print_path" == true ]]; then
    printf '%s\n' "$1"
  else
    log "the CLI finds it on PATH: export PATH=\"$1:\$PATH\" (the engine tests do this)"
  fi
  exit 0
}

# True when $1 is a working language host binary: it starts and prints Go's flag usage
# (`-h` exits before the host serves anything).
host_runs() {
  local usage
  [[ -x "$1" ]] || return 1
  usage="$("$1" -h 2>&1)" || true
  [[ "$usage" == *"-root"* && "$usage" == *"-binary"* ]]
}

# --- A host the user already has ----------------------------------------------------------------
if [[ -n "${PULUMI_WICKR_JAVA_DIR:-}" ]]; then
  user_dir="$(cd "$PULUMI_WICKR_JAVA_DIR" 2>/dev/null && pwd)" ||
    die "PULUMI_WICKR_JAVA_DIR=$PULUMI_WICKR_JAVA_DIR is not a folder"
  host_runs "$user_dir/$HOST" || die "PULUMI_WICKR_JAVA_DIR=$user_dir holds no working executable '$HOST'"
  [[ "$print_path" == true ]] || log "using $user_dir/$HOST from PULUMI_WICKR_JAVA_DIR"
  finish "$user_dir"
fi

# --- The cached build ----------------------------------------------------------------------------
cache_root="${PULUMI_WICKR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc}"
install_dir="$cache_root/$HOST-$version"
bin_dir="$install_dir/bin"
stamp="$install_dir/stamp"
build_log="$cache_root/build-$HOST-$version.log"
# The stamp names the version and the go.sum the build was verified against.
sum_hash="$(sha256sum "$module_dir/go.sum" | cut -c1-16)"

cache_valid() {
  [[ -f "$stamp" && "$(head -n 1 "$stamp")" == "$HOST $version go.sum $sum_hash" ]] && host_runs "$bin_dir/$HOST"
}

if cache_valid; then
  [[ "$print_path" == true ]] || log "$HOST $version is already built in $bin_dir"
  finish "$bin_dir"
fi

mkdir -p "$cache_root"
# Serialize concurrent builds (two test runs, two CI legs); the second one then finds the cache valid.
if command -v flock >/dev/null 2>&1; then
  exec 8>"$cache_root/.lock-$HOST"
  if ! flock -n 8; then
    log "waiting for another build of $HOST in $cache_root to finish"
    flock 8
  fi
  if cache_valid; then finish "$bin_dir"; fi
fi

# --- Go ------------------------------------------------------------------------------------------
go_cmd="$(command -v go 2>/dev/null || true)"
if [[ -z "$go_cmd" && -x /usr/local/go/bin/go ]]; then go_cmd=/usr/local/go/bin/go; fi
[[ -n "$go_cmd" ]] || die "Go is needed to build $HOST $version (Pulumi Java's language host) but 'go' is not on PATH (nor /usr/local/go/bin/go); install Go from https://go.dev/dl/ or set PULUMI_WICKR_JAVA_DIR to a folder holding $HOST"
# Never let Go fetch another toolchain behind our back: an old Go should fail with a clear message.
export GOTOOLCHAIN=local
export GO111MODULE=on

tmp="$(mktemp -d "$cache_root/.build-$HOST-$version.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out/bin"

log "building $HOST $version from the Go module proxy (minutes on empty Go caches, seconds on warm ones; log: $build_log)"
started=$SECONDS
# -mod=readonly: go.sum pins every module; the Go output goes to the log, its tail is shown on failure.
if ! (
  cd "$module_dir"
  "$go_cmd" build -mod=readonly -trimpath -buildvcs=false -o "$tmp/out/bin/$HOST" \
    -ldflags "-X $VERSION_VARIABLE=${version#v}" "$PACKAGE"
) >"$build_log" 2>&1; then
  tail -n 40 "$build_log" >&2
  die "building $PACKAGE@$version failed after $((SECONDS - started))s (full log: $build_log)"
fi
host_runs "$tmp/out/bin/$HOST" || die "the built $tmp/out/bin/$HOST does not run ('$HOST -h' failed)"
printf '%s %s go.sum %s\nbuilt with: %s on %s\n' "$HOST" "$version" "$sum_hash" "$("$go_cmd" env GOVERSION)" \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp/out/stamp"

# Replace any invalid previous install, then move the new one into place in one rename.
rm -rf "$install_dir"
mv "$tmp/out" "$install_dir"
log "$HOST $version ready in $bin_dir (built in $((SECONDS - started))s)"
finish "$bin_dir"
