#!/usr/bin/env bash
# ci/gitlab-note.sh FILE: posts FILE (Markdown) as a comment on the merge request of this pipeline, with the
# project access token in GITLAB_API_TOKEN (a masked CI/CD variable, scope api, role Reporter).
set -euo pipefail
[[ -s "$1" ]] || { echo "gitlab-note: $1 is empty or missing: no comment" >&2; exit 0; }
curl --fail --silent --show-error --request POST \
  --header "PRIVATE-TOKEN: $GITLAB_API_TOKEN" \
  --data-urlencode "body@$1" \
  "$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes" >/dev/null
echo "gitlab-note: posted $1 on merge request !$CI_MERGE_REQUEST_IID"
