#!/usr/bin/env bash
# The README's first call, against a running `./mvnw quarkus:dev`: dev JWTs, a patient's video plan, a
# consultation session, and the patient's token. Each step prints what the service answered (pretty with jq,
# when it is installed), and the script stops at the first step that fails, with the service's answer.
#   bash docs/first-call.sh            # against http://localhost:8080
#   BASE=http://localhost:8095 bash docs/first-call.sh
set -euo pipefail
BASE=${BASE:-http://localhost:8080}

show() { if command -v jq >/dev/null; then jq .; else cat; echo; fi; }
# a failed step prints the service's problem+json answer and stops the script
call() { curl -sS --fail-with-body "$@"; }
step() { echo; echo "== $*"; }

step "dev JWTs for a provider, a patient and the platform's backend (dev mode only: /_dev/jwt)"
DR=$(call "$BASE/_dev/jwt?sub=dr-1&groups=provider&name=Dr%20One")
PAT=$(call "$BASE/_dev/jwt?sub=pat-1&groups=patient&name=Pat")
SVC=$(call "$BASE/_dev/jwt?sub=backend&groups=service")
echo "three JWTs of ${#DR}, ${#PAT} and ${#SVC} characters"

step "the platform's backend gives the patient a video plan (consultations need one)"
call -X PUT -H "Authorization: Bearer $SVC" -H 'Content-Type: application/json' \
  -d '{"plan":"premium"}' "$BASE/api/videocall/entitlements/pat-1" | show

step "the provider creates a consultation session with the patient"
SESSION=$(call -H "Authorization: Bearer $DR" -H 'Content-Type: application/json' \
  -d '{"name":"Consultation","consultationId":"c-123","participants":[{"userId":"pat-1","role":"patient"}]}' \
  "$BASE/api/videocall/sessions")
echo "$SESSION" | show
SID=$(echo "$SESSION" | sed -n 's/.*"sessionId":"\([^"]*\)".*/\1/p')
[ -n "$SID" ] || { echo "no sessionId in the answer above" >&2; exit 1; }

step "the patient asks for a token to join session $SID"
call -X POST -H "Authorization: Bearer $PAT" "$BASE/api/videocall/sessions/$SID/token" | show

step "the session's event log, as the provider sees it"
call -H "Authorization: Bearer $DR" "$BASE/api/videocall/sessions/$SID/events" | show
