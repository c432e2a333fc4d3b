#!/usr/bin/env bash
# ci/preview.sh SITES_FILE: `pulumi preview --diff` of each site named in SITES_FILE (one a line), each site's plan in
# plans/<site>.txt and a Markdown summary of all of them in plans/summary.md. Exit 1 when a preview failed.
set -uo pipefail
mkdir -p plans
summary=plans/summary.md
mapfile -t sites < <(grep -v '^[[:space:]]*$' "$1")
{
  echo "## Pulumi preview"
  echo
  if [[ ${#sites[@]} -eq 0 ]]; then echo "No site changed."; else echo "| Site | Result | Changes |"; echo "|---|---|---|"; fi
} >"$summary"
details=""
status=0
for site in "${sites[@]}"; do
  echo "::group::preview $site" >&2
  plan="plans/$site.txt"
  if pulumi stack select --create --non-interactive "$site" >"$plan" 2>&1 &&
    pulumi preview --diff --non-interactive --color never --stack "$site" >"$plan" 2>&1; then
    result="ok"
  else
    result="**failed**"
    status=1
  fi
  cat "$plan" >&2
  echo "::endgroup::" >&2
  # The CLI's own count lines ("+ 2 to create", "~ 1 to update", "3 unchanged"), joined.
  changes="$(sed -nE 's/^ +([-+~]? ?[0-9]+ to [a-z]+|[0-9]+ unchanged)$/\1/p' "$plan" | paste -sd ',' - | sed 's/,/, /g')"
  echo "| \`$site\` | $result | ${changes:-none} |" >>"$summary"
  details+=$'\n'"<details><summary>Plan of <code>$site</code></summary>"$'\n\n```diff\n'"$(cat "$plan")"$'\n```\n</details>\n'
done
echo "$details" >>"$summary"
exit $status
