#!/usr/bin/env bash
# The demo tour: a store in a temporary folder, users, 200 synthetic cases, and what Haven
# does with them. Every name is generated; no real person is described.
set -euo pipefail
HAVEN=$(realpath "${1:-.build/debug/haven}")
DEMO=$(mktemp -d "${TMPDIR:-/tmp}/haven-demo.XXXXXX")
# Keep the demo's key file and credentials out of the user's own config folder.
export XDG_CONFIG_HOME="$DEMO/config" HAVEN_STORE="$DEMO/store" HAVEN_PASSPHRASE="demo passphrase, not for real use"
export HAVEN_POLICY="$(pwd)/Policies/an-giang"
SAMPLE="$(pwd)/Tests/Fixtures/sample-case.json"
LANG_FLAG=${HAVEN_DEMO_LANG:-en}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

step "1. Create an encrypted store (key file wrapped by a passphrase with scrypt)"
ADMIN=$("$HAVEN" init --admin-name "Quản trị viên" --json | json "['adminToken']")
echo "store: $HAVEN_STORE"
echo "key file (kept apart from the store): $(ls "$XDG_CONFIG_HOME"/haven/keys/)"

step "2. Users: a field officer for six communes, a supervisor"
COMMUNES=(my-thoi binh-duc long-xuyen tri-ton tinh-bien chau-doc)
OFFICER=$(HAVEN_TOKEN=$ADMIN "$HAVEN" user add --name "Cán bộ Mẫu" --role field-officer --commune "${COMMUNES[@]}" --json | json "['token']")
SUPERVISOR=$(HAVEN_TOKEN=$ADMIN "$HAVEN" user add --name "Giám sát Mẫu" --role supervisor --json | json "['token']")
HAVEN_TOKEN=$ADMIN "$HAVEN" user list --lang "$LANG_FLAG"

step "3. Import 200 synthetic cases (intake JSON Lines)"
SYNTH_ARGS=()
for c in "${COMMUNES[@]}"; do SYNTH_ARGS+=(--commune "$c"); done
"$HAVEN" synth --count 200 --seed 2026 "${SYNTH_ARGS[@]}" --out "$DEMO/cases.jsonl"
HAVEN_TOKEN=$OFFICER "$HAVEN" case import "$DEMO/cases.jsonl"

step "4. One more case, typed as intake JSON, with a typo: Haven refuses it and says why"
sed 's/"beating"/"beatng"/' "$SAMPLE" > "$DEMO/typo.json"
HAVEN_TOKEN=$OFFICER "$HAVEN" case new --from "$DEMO/typo.json" --lang "$LANG_FLAG" || echo "(exit $?: nothing was saved)"
ID=$(HAVEN_TOKEN=$OFFICER "$HAVEN" case new --from "$SAMPLE" --json | json "['id']")
echo "corrected and logged as $ID"

step "5. The officer's case list (coded fields only), newest five"
HAVEN_TOKEN=$OFFICER "$HAVEN" case list --limit 5 --lang "$LANG_FLAG"

step "6. The officer opens the case: sealed fields are decrypted, and the read is audited"
HAVEN_TOKEN=$OFFICER "$HAVEN" case show "$ID" --lang vi
HAVEN_TOKEN=$OFFICER "$HAVEN" case note "$ID" --text "Đã liên hệ lại qua điện thoại; người bị bạo lực an toàn."
HAVEN_TOKEN=$OFFICER "$HAVEN" case close "$ID" --outcome services_provided

step "7. A supervisor may not read identities (exit 77; the attempt is audited)"
HAVEN_TOKEN=$SUPERVISOR "$HAVEN" case show "$ID" --lang "$LANG_FLAG" || echo "(exit $?)"

step "8. No plaintext at rest: the survivor's name is not in the store files"
if grep -rqa "Nguyễn Thị Lan" "$HAVEN_STORE"; then echo "FOUND — this is a bug"; exit 70; else echo "not found in $(ls "$HAVEN_STORE" | tr '\n' ' ')"; fi

step "9. The audit chain: every write and every sealed read, hash-chained and signed"
HAVEN_TOKEN=$ADMIN "$HAVEN" audit log --case "$ID"
HAVEN_TOKEN=$ADMIN "$HAVEN" audit verify --lang "$LANG_FLAG"

step "Done"
cat <<EOT
The demo store stays in $DEMO. To keep exploring it:
  export XDG_CONFIG_HOME=$XDG_CONFIG_HOME HAVEN_STORE=$HAVEN_STORE HAVEN_PASSPHRASE='$HAVEN_PASSPHRASE'
  export HAVEN_TOKEN=$OFFICER   # the field officer
  $HAVEN case list
Remove it with: rm -rf $DEMO
EOT
