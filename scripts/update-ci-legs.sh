#!/usr/bin/env bash
# Regenerates the lockfile of the CI leg that runs the newest @pulumi/pulumi (.ci/legs/newest) from
# the repository's package.json and package-lock.json. Run it after changing dependencies, or to move
# the leg to a newer SDK:
#
#   scripts/update-ci-legs.sh            keep the leg's current @pulumi/pulumi version
#   scripts/update-ci-legs.sh 3.280.0    move the leg to this version
#
# The leg's package.json is the repository's with one difference: devDependencies["@pulumi/pulumi"].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
leg="$root/.ci/legs/newest"
version="${1:-$(node -p 'require(process.argv[1]).devDependencies["@pulumi/pulumi"]' "$leg/package.json")}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "update-ci-legs: expected a version like 3.276.0, got '$version'" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$root/package.json" "$root/package-lock.json" "$tmp/"
(cd "$tmp" && npm install --save-dev --save-exact "@pulumi/pulumi@$version" --package-lock-only --no-audit --no-fund --loglevel=error)
cp "$tmp/package.json" "$tmp/package-lock.json" "$leg/"
echo "update-ci-legs: .ci/legs/newest now pins @pulumi/pulumi $version"
