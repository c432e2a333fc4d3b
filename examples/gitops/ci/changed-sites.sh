#!/usr/bin/env bash
# The sites a change touches, one name a line (a site is sites/<name>.yaml, its stack <name>):
#   ci/changed-sites.sh BASE      sites whose file or stack config differs between BASE and HEAD; every site when
#                                 the program or its dependencies changed, or when BASE is not a commit here
#   ci/changed-sites.sh --only LIST   the sites of a comma- or space-separated LIST, or every site for "all"
# A site whose file was deleted is not listed: taking a site down is `pulumi destroy`, by hand (docs/gitops.md).
set -euo pipefail

all() {
  local f
  for f in sites/*.yaml; do
    [[ -e "$f" ]] && basename "$f" .yaml
  done
}

if [[ "${1:-}" == "--only" ]]; then
  list="${2:-all}"
  if [[ "$list" == "all" ]]; then all; exit 0; fi
  for site in ${list//,/ }; do
    [[ -e "sites/$site.yaml" ]] || { echo "changed-sites: no site file sites/$site.yaml" >&2; exit 1; }
    echo "$site"
  done
  exit 0
fi

base="${1:-}"
if [[ -z "$base" || ! "$base" =~ ^[0-9a-f]{7,40}$ || "$base" =~ ^0+$ ]] || ! git cat-file -e "$base^{commit}" 2>/dev/null; then
  echo "changed-sites: no base commit to compare with: every site" >&2
  all
  exit 0
fi
changed="$(git diff --name-only "$base" HEAD)"
if grep -qxE 'Pulumi\.yaml|index\.js|package\.json|package-lock\.json' <<<"$changed"; then
  echo "changed-sites: the program or its dependencies changed: every site" >&2
  all
  exit 0
fi
sed -nE 's#^sites/([^/]+)\.yaml$#\1#p; s#^Pulumi\.([^/]+)\.yaml$#\1#p' <<<"$changed" | sort -u | while read -r site; do
  if [[ -e "sites/$site.yaml" ]]; then echo "$site"; else echo "changed-sites: $site has no site file (deleted?): skipped" >&2; fi
done
