#!/usr/bin/env bash
# ci/drift.sh: `facility drift` over every site (sites/*.yaml, one stack each): drift/drift.xml (JUnit),
# drift/drift.html (the fleet page), drift/drift.md (a Markdown summary). Read-only: the stacks are exported, the
# appliances only read. Exit codes as facility drift: 0 in sync, 2 drift or unmanaged objects, 1 error.
set -uo pipefail
mkdir -p drift/state
for file in sites/*.yaml; do
  site="$(basename "$file" .yaml)"
  pulumi stack export --stack "$site" --file "drift/state/$site.json" || exit 1
done
code=0
npx facility drift drift/state/*.json --format junit --output drift/drift.xml || code=$?
[[ $code -le 2 ]] || exit "$code"
npx facility drift drift/state/*.json --format html --output drift/drift.html ${DRIFT_HISTORY:+--history "$DRIFT_HISTORY"}
npx facility drift drift/state/*.json --format markdown --output drift/drift.md
echo "facility drift: exit $code (0 in sync, 2 drift or unmanaged objects, 1 error)"
exit "$code"
