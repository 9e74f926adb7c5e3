#!/usr/bin/env bash
# Builds the Pulumi CLI that matches the installed @pulumi/pulumi SDK from the Go module
# proxy and caches it outside the repository, for the engine tests (tests/engine).
#
# Why build: the `pulumi` npm package and get.pulumi.com download the CLI at run time, which
# needs the internet; in offline or restricted networks the Go module proxy may be the only thing reachable, and it serves
# pulumi/pulumi/pkg/v3, so the CLI is built from it (README, "Development").
#
# Usage:
#   scripts/pulumi-install.sh               build if needed; progress on stderr
#   scripts/pulumi-install.sh --print-path  same, then print only the bin folder on stdout
#
# Environment:
#   PULUMI_WICKR_CACHE_DIR  cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc)
#   PULUMI_WICKR_CLI_DIR    use this folder holding a `pulumi` binary instead of building
#   PULUMI_WICKR_LANGUAGE_HOST_VERSION
#                           module version of the Node.js language host to try (default: the
#                           commit of the CLI's release tag); the tests do not need it
#
# Result: <cache root>/pulumi-v<version>/bin with `pulumi`, `pulumi-resource-pulumi-nodejs` (the
# dynamic provider launcher from the SDK) and, when the proxy serves it, `pulumi-language-nodejs`.
# Then runs scripts/pulumi-yaml-install.sh: Pulumi YAML's language host, one build for every CLI
# version (PULUMI_WICKR_YAML_DIR skips it); the script fails when that host cannot be had.
set -euo pipefail

readonly CLI_PACKAGE="github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
readonly CLI_MODULE="github.com/pulumi/pulumi/pkg/v3"
readonly LANGUAGE_HOST_MODULE="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
readonly VERSION_VARIABLE="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
readonly LAUNCHER="pulumi-resource-pulumi-nodejs"

log() { printf 'pulumi-install: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

print_path=false
case "${1:-}" in
  "") ;;
  --print-path) print_path=true ;;
  -h | --help)
    sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die "unknown argument '$1' (expected --print-path or --help)" ;;
esac

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sdk_dir="$repo_root/node_modules/@pulumi/pulumi"
[[ -f "$sdk_dir/package.json" ]] || die "@pulumi/pulumi is not installed under $repo_root/node_modules (run npm install)"
command -v node >/dev/null 2>&1 || die "node is not on PATH"
version="$(node -p 'require(process.argv[1]).version' "$sdk_dir/package.json")"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "unexpected @pulumi/pulumi version '$version'"

finish() {
  # The engine tests also run YAML programs; their language host is built (or found) here, so
  # whoever installs the CLI (CI legs, `npm run pulumi:install`, ensurePulumiCli()) has it too. Its
  # messages go to stderr (with --print-path: only when it builds or fails); fd 9, this script's
  # lock, is not passed on.
  local yaml_install="$repo_root/scripts/pulumi-yaml-install.sh" yaml_ok=true
  if [[ "$print_path" == true ]]; then
    bash "$yaml_install" --print-path >/dev/null 9>&- || yaml_ok=false
  else
    bash "$yaml_install" >&2 9>&- || yaml_ok=false
  fi
  [[ "$yaml_ok" == true ]] ||
    die "Pulumi YAML's language host is missing (see above); the engine tests need it next to the CLI"
  if [[ "$print_path" == true ]]; then
    printf '%s\n' "$1"
  else
    log "add it to PATH with: export PATH=\"$1:\$PATH\""
  fi
  exit 0
}

# Prints the version `pulumi version` reports for the binary in folder $1 (empty on failure).
cli_version() { PULUMI_SKIP_UPDATE_CHECK=true "$1/pulumi" version 2>/dev/null || true; }

# --- A CLI the user already has --------------------------------------------------------------
if [[ -n "${PULUMI_WICKR_CLI_DIR:-}" ]]; then
  user_dir="$(cd "$PULUMI_WICKR_CLI_DIR" 2>/dev/null && pwd)" ||
    die "PULUMI_WICKR_CLI_DIR=$PULUMI_WICKR_CLI_DIR is not a folder"
  [[ -x "$user_dir/pulumi" ]] || die "PULUMI_WICKR_CLI_DIR=$user_dir holds no executable 'pulumi'"
  found="$(cli_version "$user_dir")"
  [[ -n "$found" ]] || die "'$user_dir/pulumi version' failed"
  found_minor="$(cut -d. -f1,2 <<<"${found#v}")"
  if [[ "$found_minor" != "$(cut -d. -f1,2 <<<"$version")" ]]; then
    log "warning: $user_dir/pulumi is $found but @pulumi/pulumi is v$version; results may differ"
  fi
  if [[ ! -e "$user_dir/$LAUNCHER" ]]; then
    log "note: $user_dir has no $LAUNCHER; the CLI will take the one from PATH (tests put $sdk_dir there)"
  fi
  log "using Pulumi CLI $found from PULUMI_WICKR_CLI_DIR=$user_dir"
  finish "$user_dir"
fi

# --- The cached build ------------------------------------------------------------------------
cache_root="${PULUMI_WICKR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wickr-oidc}"
install_dir="$cache_root/pulumi-v$version"
bin_dir="$install_dir/bin"
stamp="$install_dir/stamp"

# The cache is valid when the stamp names this version and the binary reports it.
cache_valid() {
  [[ -f "$stamp" && -x "$bin_dir/pulumi" && -e "$bin_dir/$LAUNCHER" ]] || return 1
  [[ "$(head -n 1 "$stamp")" == "pulumi v$version" ]] || return 1
  [[ "$(cli_version "$bin_dir")" == "v$version" ]]
}

# A reinstalled SDK of the same version may ship a changed launcher; keep the copy current.
refresh_launcher() {
  if ! cmp -s "$sdk_dir/$LAUNCHER" "$bin_dir/$LAUNCHER"; then
    cp "$sdk_dir/$LAUNCHER" "$bin_dir/$LAUNCHER.tmp" && chmod +x "$bin_dir/$LAUNCHER.tmp"
    mv -f "$bin_dir/$LAUNCHER.tmp" "$bin_dir/$LAUNCHER"
  fi
}

if cache_valid; then
  refresh_launcher
  [[ "$print_path" == true ]] || log "Pulumi CLI v$version is already built in $bin_dir"
  finish "$bin_dir"
fi

mkdir -p "$cache_root"
# Serialize concurrent builds (e.g. two test runs); the second one then finds the cache valid.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/.lock"
  if ! flock -n 9; then
    log "waiting for another build in $cache_root to finish"
    flock 9
  fi
  if cache_valid; then
    refresh_launcher
    finish "$bin_dir"
  fi
fi

# --- Go ----------------------------------------------------------------------------------------
go_cmd="$(command -v go 2>/dev/null || true)"
if [[ -z "$go_cmd" && -x /usr/local/go/bin/go ]]; then go_cmd=/usr/local/go/bin/go; fi
[[ -n "$go_cmd" ]] || die "Go is needed to build the Pulumi CLI but 'go' is not on PATH (nor /usr/local/go/bin/go); install Go from https://go.dev/dl/ or set PULUMI_WICKR_CLI_DIR to a folder holding a pulumi v$version binary"
# Never let Go fetch another toolchain behind our back: an old Go should fail with a clear message.
export GOTOOLCHAIN=local

tmp="$(mktemp -d "$cache_root/.build-v$version.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out/bin" "$tmp/cli" "$tmp/language-host"

# Fetch the CLI module's metadata: its go.mod gives the Go version it needs, its origin the commit.
if ! (cd "$tmp" && "$go_cmd" mod download -json "$CLI_MODULE@v$version" >"$tmp/cli-module.json" 2>"$tmp/cli-module.err"); then
  cat "$tmp/cli-module.err" >&2
  die "the Go module proxy ($("$go_cmd" env GOPROXY)) did not serve $CLI_MODULE@v$version: $(node -p 'require(process.argv[1]).Error || ""' "$tmp/cli-module.json" 2>/dev/null)"
fi
read_module_field() { node -p 'const m = require(process.argv[1]); (m.Origin || {})[process.argv[2]] || m[process.argv[2]] || ""' "$tmp/cli-module.json" "$1"; }
go_mod_file="$(read_module_field GoMod)"
commit="$(read_module_field Hash)"
go_needed="$(sed -n 's/^go \([0-9][0-9.]*\).*/\1/p' "$go_mod_file" | head -n 1)"
go_have="$("$go_cmd" env GOVERSION)"
go_have="${go_have#go}"
if [[ -n "$go_needed" && "$(printf '%s\n%s\n' "$go_needed" "$go_have" | sort -V | head -n 1)" != "$go_needed" ]]; then
  die "Pulumi CLI v$version needs Go >= $go_needed but $go_cmd is Go $go_have; install a newer Go or set PULUMI_WICKR_CLI_DIR"
fi
go_needed="${go_needed:-$go_have}"

write_wrapper_module() {
  printf 'module pulumi-wickr-oidc/pulumi-build\n\ngo %s\n' "$go_needed" >"$1/go.mod"
}

build_log="$cache_root/build-v$version.log"
log "building Pulumi CLI v$version from the Go module proxy with Go $go_have (a few minutes the first time; log: $build_log)"
started=$SECONDS
write_wrapper_module "$tmp/cli"
# The Go output (hundreds of "go: downloading" lines) goes to the log; on failure its tail is shown.
if ! (
  cd "$tmp/cli"
  "$go_cmd" get "$CLI_PACKAGE@v$version" && "$go_cmd" build -o "$tmp/out/bin/" -ldflags "-X $VERSION_VARIABLE=v$version" "$CLI_PACKAGE"
) >"$build_log" 2>&1; then
  tail -n 40 "$build_log" >&2
  die "building $CLI_PACKAGE@v$version failed after $((SECONDS - started))s (full log: $build_log)"
fi

# The Node.js language host is only needed for `pulumi up` in a project folder; the tests use
# Automation API inline programs, whose language runtime runs inside the Node.js test process.
# The module has no tags, so it is addressed by the commit of the CLI's release tag.
language_host_version="${PULUMI_WICKR_LANGUAGE_HOST_VERSION:-$commit}"
write_wrapper_module "$tmp/language-host"
if [[ -n "$language_host_version" ]] && (
  cd "$tmp/language-host"
  "$go_cmd" get "$LANGUAGE_HOST_MODULE@$language_host_version" &&
    "$go_cmd" build -o "$tmp/out/bin/pulumi-language-nodejs" "$LANGUAGE_HOST_MODULE"
) >"$tmp/language-host.log" 2>&1; then
  language_host="built from $LANGUAGE_HOST_MODULE@$language_host_version"
else
  language_host="not built"
  if [[ -f "$tmp/language-host.log" ]]; then cp "$tmp/language-host.log" "$cache_root/language-host-v$version.log"; fi
  log "note: the Node.js language host was not built (the Go module proxy does not serve it); the tests do not need it."
fi

cp "$sdk_dir/$LAUNCHER" "$tmp/out/bin/$LAUNCHER"
chmod +x "$tmp/out/bin/$LAUNCHER"
built="$(cli_version "$tmp/out/bin")"
[[ "$built" == "v$version" ]] || die "the built CLI reports '$built', expected v$version"
printf 'pulumi v%s\nlanguage host: %s\nbuilt with: Go %s on %s\n' \
  "$version" "$language_host" "$go_have" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp/out/stamp"

# Replace any invalid previous install, then move the new one into place in one rename.
rm -rf "$install_dir"
mv "$tmp/out" "$install_dir"
log "Pulumi CLI v$version ready in $bin_dir (built in $((SECONDS - started))s)"
finish "$bin_dir"
