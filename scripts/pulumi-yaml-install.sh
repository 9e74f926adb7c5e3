#!/usr/bin/env bash
# Builds Pulumi YAML's language host (`pulumi-language-yaml`) from the Go module proxy and caches it
# outside the repository, for the engine tests that run YAML programs (tests/engine/yaml-runtime.test.ts).
#
# One build serves every Pulumi CLI version and every CI leg: the host talks to the CLI over gRPC.
# scripts/pulumi-install.sh runs this script after the CLI, so `npm run pulumi:install`, each CI leg
# and `npm test` (through ensurePulumiCli() in tests/engine/cli.ts) get the host without a further step.
#
# Usage:
#   scripts/pulumi-yaml-install.sh               build if needed; progress on stderr
#   scripts/pulumi-yaml-install.sh --print-path  same, then print only the bin folder on stdout
#
# Environment:
#   PULUMI_WICKR_CACHE_DIR  cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc)
#   PULUMI_WICKR_YAML_DIR   use this folder holding a `pulumi-language-yaml` binary instead of building
#
# Result: <cache root>/pulumi-language-yaml-v1.25.0/bin/pulumi-language-yaml; the Go output of the
# last build is in <cache root>/build-pulumi-language-yaml-v1.25.0.log.
set -euo pipefail

readonly VERSION="1.25.0"
readonly MODULE="github.com/pulumi/pulumi-yaml"
readonly PACKAGE="$MODULE/cmd/pulumi-language-yaml"
readonly VERSION_VARIABLE="$MODULE/pkg/version.Version"
readonly HOST="pulumi-language-yaml"

log() { printf 'pulumi-yaml-install: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

print_path=false
case "${1:-}" in
  "") ;;
  --print-path) print_path=true ;;
  -h | --help)
    sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die "unknown argument '$1' (expected --print-path or --help)" ;;
esac

finish() {
  if [[ "$print_path" == true ]]; then
    printf '%s\n' "$1"
  else
    log "the CLI finds it on PATH: export PATH=\"$1:\$PATH\" (the engine tests do this)"
  fi
  exit 0
}

# True when $1 is a working language host binary: it starts and prints Go's flag usage
# (`-h` exits 0 before the host serves anything).
host_runs() {
  local usage
  [[ -x "$1" ]] || return 1
  usage="$("$1" -h 2>&1)" || return 1
  [[ "$usage" == *"-root"* ]]
}

# --- A host the user already has ----------------------------------------------------------------
if [[ -n "${PULUMI_WICKR_YAML_DIR:-}" ]]; then
  user_dir="$(cd "$PULUMI_WICKR_YAML_DIR" 2>/dev/null && pwd)" ||
    die "PULUMI_WICKR_YAML_DIR=$PULUMI_WICKR_YAML_DIR is not a folder"
  host_runs "$user_dir/$HOST" || die "PULUMI_WICKR_YAML_DIR=$user_dir holds no working executable '$HOST'"
  [[ "$print_path" == true ]] || log "using $user_dir/$HOST from PULUMI_WICKR_YAML_DIR"
  finish "$user_dir"
fi

# --- The cached build ----------------------------------------------------------------------------
cache_root="${PULUMI_WICKR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc}"
install_dir="$cache_root/$HOST-v$VERSION"
bin_dir="$install_dir/bin"
stamp="$install_dir/stamp"
build_log="$cache_root/build-$HOST-v$VERSION.log"

# The cache is valid when the stamp names this version and the binary runs.
cache_valid() {
  [[ -f "$stamp" && "$(head -n 1 "$stamp")" == "$HOST v$VERSION" ]] && host_runs "$bin_dir/$HOST"
}

if cache_valid; then
  [[ "$print_path" == true ]] || log "$HOST v$VERSION is already built in $bin_dir"
  finish "$bin_dir"
fi

mkdir -p "$cache_root"
# Serialize concurrent builds (two test runs, two CI legs); the second one then finds the cache valid.
# Its own lock file: scripts/pulumi-install.sh may hold the CLI's `.lock` while it runs this script.
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
[[ -n "$go_cmd" ]] || die "Go is needed to build $HOST v$VERSION (Pulumi YAML's language host) but 'go' is not on PATH (nor /usr/local/go/bin/go); install Go from https://go.dev/dl/ or set PULUMI_WICKR_YAML_DIR to a folder holding $HOST"
# Never let Go fetch another toolchain behind our back: an old Go should fail with a clear message.
export GOTOOLCHAIN=local
# Module mode, whatever the caller's environment says (`go install pkg@version` needs it).
export GO111MODULE=on

tmp="$(mktemp -d "$cache_root/.build-$HOST-v$VERSION.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out/bin"

# Fetch the module's metadata first, so a refusal by the proxy reads as one, and its go.mod gives the
# Go version the build needs.
if ! (cd "$tmp" && "$go_cmd" mod download -json "$MODULE@v$VERSION" >"$tmp/module.json" 2>"$tmp/module.err"); then
  cat "$tmp/module.err" >&2
  reason="$(sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' "$tmp/module.json" | head -n 1)"
  die "the Go module proxy ($("$go_cmd" env GOPROXY)) did not serve $MODULE@v$VERSION${reason:+: $reason}; set PULUMI_WICKR_YAML_DIR to a folder holding $HOST to skip the build"
fi
go_mod_file="$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p' "$tmp/module.json" | head -n 1)"
[[ -f "$go_mod_file" ]] || die "'go mod download -json $MODULE@v$VERSION' named no go.mod file (output: $tmp/module.json)"
go_needed="$(sed -n 's/^go \([0-9][0-9.]*\).*/\1/p' "$go_mod_file" | head -n 1)"
go_have="$("$go_cmd" env GOVERSION)"
go_have="${go_have#go}"
if [[ -n "$go_needed" && "$(printf '%s\n%s\n' "$go_needed" "$go_have" | sort -V | head -n 1)" != "$go_needed" ]]; then
  die "$HOST v$VERSION needs Go >= $go_needed but $go_cmd is Go $go_have; install a newer Go or set PULUMI_WICKR_YAML_DIR"
fi

log "building $HOST v$VERSION from the Go module proxy with Go $go_have (minutes on an empty Go module cache, seconds on a warm one; log: $build_log)"
started=$SECONDS
# The module has no replace directives, so `go install pkg@version` builds it as released. The Go
# output (many "go: downloading" lines) goes to the log; on failure its tail is shown.
if ! (
  cd "$tmp"
  GOBIN="$tmp/out/bin" "$go_cmd" install -ldflags "-X $VERSION_VARIABLE=v$VERSION" "$PACKAGE@v$VERSION"
) >"$build_log" 2>&1; then
  tail -n 40 "$build_log" >&2
  die "building $PACKAGE@v$VERSION failed after $((SECONDS - started))s (full log: $build_log)"
fi
host_runs "$tmp/out/bin/$HOST" || die "the built $tmp/out/bin/$HOST does not run ('$HOST -h' failed)"
printf '%s v%s\nbuilt with: Go %s on %s\n' "$HOST" "$VERSION" "$go_have" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp/out/stamp"

# Replace any invalid previous install, then move the new one into place in one rename.
rm -rf "$install_dir"
mv "$tmp/out" "$install_dir"
log "$HOST v$VERSION ready in $bin_dir (built in $((SECONDS - started))s)"
finish "$bin_dir"
