#!/usr/bin/env bash
# Builds actionlint, the linter of the example GitHub Actions workflows (examples/gitops), from its Go module
# through the Go module proxy, cached outside the repository and reused:
#
#   ${PULUMI_FACILITY_CACHE:-~/.cache/pulumi-facility}/actionlint-<version>/bin/actionlint
#
# Prints the bin folder on its last line. `--where` prints it without building (exit 1 when it is not built yet).
# actionlint runs shellcheck on every `run:` script when shellcheck is on PATH (Debian's `shellcheck` package);
# it is optional here: scripts/gitops-lint.ts says whether it was used.
set -euo pipefail

main() {
VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
CACHE="${PULUMI_FACILITY_CACHE:-$HOME/.cache/pulumi-facility}"
DEST="$CACHE/actionlint-${VERSION#v}"
BIN="$DEST/bin"
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false GOPROXY="${GOPROXY:-https://proxy.golang.org}" GOWORK=off CGO_ENABLED=0

if [[ "${1:-}" == "--where" ]]; then
  echo "$BIN"
  [[ -f "$DEST/.complete" ]]
  exit
fi
if [[ -x "$BIN/actionlint" && -f "$DEST/.complete" ]]; then
  echo "actionlint $VERSION: reusing $BIN" >&2
  echo "$BIN"
  exit 0
fi
command -v go >/dev/null || { echo "gitops:install: no 'go' on PATH (Go is needed to build actionlint)" >&2; exit 1; }
echo "actionlint $VERSION: building into $DEST with $(go version)" >&2
start=$(date +%s)
mkdir -p "$CACHE"
WORK="$(mktemp -d "$CACHE/build-actionlint-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
GOBIN="$WORK/bin" go install -trimpath -ldflags "-s -w" "github.com/rhysd/actionlint/cmd/actionlint@$VERSION"
rm -rf "$DEST"
mkdir -p "$DEST"
mv "$WORK/bin" "$BIN"
echo "actionlint=$VERSION built=$(date -u +%FT%TZ) seconds=$(( $(date +%s) - start ))" > "$DEST/.complete"
echo "actionlint $VERSION: built in $(( $(date +%s) - start )) s" >&2
echo "$BIN"
}

# Parsed whole before it runs, so editing this file during a build cannot break the build.
main "$@"
exit
