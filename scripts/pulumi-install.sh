#!/usr/bin/env bash
# Builds the real Pulumi CLI and the Node.js language host from their Go modules (through the Go module proxy only),
# and provides the dynamic-provider launcher the SDK's distribution ships. The result is cached outside the
# repository, keyed by version, and reused:
#
#   ${PULUMI_FACILITY_CACHE:-~/.cache/pulumi-facility}/pulumi-<version>/bin/{pulumi,pulumi-language-nodejs,pulumi-resource-pulumi-nodejs}
#
# Prints the bin folder on its last line. `--where` prints it without building (exit 1 when it is not built yet).
#
# Why it is built this way (docs/real-cli.md has the details):
# - `pkg/go.mod` carries `replace github.com/pulumi/pulumi/sdk/v3 => ../sdk`, so `go install pkg/v3/cmd/pulumi@v` is
#   refused. The pkg and sdk modules are laid out side by side as they sit in the upstream repository and the CLI is
#   built inside pkg with pkg's own go.sum.
# - The language host's own module (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served
#   by the module proxy here (403 for every version and for the version list). The newest language host the proxy
#   serves is the one inside the sdk/v3 module itself, up to v3.68.0 (later sdk/v3 versions moved it into the module
#   that is not served). That language host is built from sdk/v3@LANGHOST_VERSION. It starts the SDK's own program
#   runner (@pulumi/pulumi/cmd/run) of the project's installed @pulumi/pulumi.
set -euo pipefail

main() {
PULUMI_VERSION="${PULUMI_VERSION:-v3.248.0}"
LANGHOST_VERSION="${PULUMI_LANGHOST_VERSION:-v3.68.0}"
CACHE="${PULUMI_FACILITY_CACHE:-$HOME/.cache/pulumi-facility}"
DEST="$CACHE/pulumi-${PULUMI_VERSION#v}"
BIN="$DEST/bin"
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false GOPROXY="${GOPROXY:-https://proxy.golang.org}" GONOSUMDB= GOWORK=off CGO_ENABLED=0

if [[ "${1:-}" == "--where" ]]; then
  echo "$BIN"
  [[ -f "$DEST/.complete" ]]
  exit
fi
if [[ -x "$BIN/pulumi" && -x "$BIN/pulumi-language-nodejs" && -x "$BIN/pulumi-resource-pulumi-nodejs" && -f "$DEST/.complete" ]]; then
  echo "pulumi $PULUMI_VERSION: reusing $BIN" >&2
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "pulumi:install: no 'go' on PATH (Go 1.25+ is needed to build the Pulumi CLI)" >&2; exit 1; }
echo "pulumi $PULUMI_VERSION: building into $DEST with $(go version)" >&2
start=$(date +%s)
mkdir -p "$CACHE"
WORK="$(mktemp -d "$CACHE/build-XXXXXX")"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

fetch() { # module@version -> directory in the module cache
  go mod download -json "$1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.Dir)})'
}

# 1. The CLI: pkg and sdk side by side, as upstream.
PKG_DIR="$(fetch "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION")"
SDK_DIR="$(fetch "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION")"
cp -r "$PKG_DIR" "$WORK/pkg"
cp -r "$SDK_DIR" "$WORK/sdk"
chmod -R u+w "$WORK"
mkdir -p "$WORK/bin"
(cd "$WORK/pkg" && go build -trimpath -o "$WORK/bin/pulumi" \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" ./cmd/pulumi)

# 2. The Node.js language host, from the newest sdk/v3 module that contains it.
LH_DIR="$(fetch "github.com/pulumi/pulumi/sdk/v3@$LANGHOST_VERSION")"
cp -r "$LH_DIR" "$WORK/langhost"
chmod -R u+w "$WORK/langhost"
(cd "$WORK/langhost" && go build -trimpath -o "$WORK/bin/pulumi-language-nodejs" \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$LANGHOST_VERSION" ./nodejs/cmd/pulumi-language-nodejs)

# 3. The dynamic-provider launcher, exactly as the SDK's distribution ships it (sdk/nodejs/dist).
cp "$SDK_DIR/nodejs/dist/pulumi-resource-pulumi-nodejs" "$WORK/bin/pulumi-resource-pulumi-nodejs"
chmod +x "$WORK/bin/"*

rm -rf "$DEST"
mkdir -p "$DEST"
mv "$WORK/bin" "$BIN"
echo "pulumi=$PULUMI_VERSION langhost=$LANGHOST_VERSION built=$(date -u +%FT%TZ) seconds=$(( $(date +%s) - start ))" > "$DEST/.complete"
echo "pulumi $PULUMI_VERSION: built in $(( $(date +%s) - start )) s" >&2
echo "$BIN"
}

# Parsed whole before it runs, so editing this file during a build cannot break the build.
main "$@"
exit
