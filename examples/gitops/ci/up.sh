#!/usr/bin/env bash
# ci/up.sh SITES_FILE: `pulumi up --refresh` of each site named in SITES_FILE (one a line), one after the other.
# --refresh: the live appliance is read first, so an apply also puts back what was changed out of band.
# Every site is tried; exit 1 when one failed.
set -uo pipefail
status=0
while read -r site; do
  [[ -n "$site" ]] || continue
  echo "::group::up $site"
  if ! { pulumi stack select --create --non-interactive "$site" &&
    pulumi up --refresh --yes --non-interactive --color never --stack "$site"; }; then
    echo "::error::pulumi up failed for site $site"
    status=1
  fi
  echo "::endgroup::"
done <"$1"
exit $status
