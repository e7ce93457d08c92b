#!/usr/bin/env bash
# The demo tour: a store in a temporary folder, users and agency keys, 200 synthetic cases
# routed to agencies, and what each person can and cannot do. Every name is generated; no
# real person is described.
set -euo pipefail
HAVEN=$(realpath "${1:-.build/debug/haven}")
DEMO=$(mktemp -d "${TMPDIR:-/tmp}/haven-demo.XXXXXX")
# Keep the demo's key file and credentials out of the user's own config folder.
export XDG_CONFIG_HOME="$DEMO/config" HAVEN_STORE="$DEMO/store" HAVEN_PASSPHRASE="demo passphrase, not for real use"
export HAVEN_POLICY="$(pwd)/Policies/an-giang"
SAMPLE="$(pwd)/Tests/Fixtures/sample-case.json"
FAMILY_SAMPLE="$(pwd)/Tests/Fixtures/family-conflict.json"
PREGNANT_SAMPLE="$(pwd)/Tests/Fixtures/pregnant-wife-beaten.json"
L=${HAVEN_DEMO_LANG:-en}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
as() { local token=$1; shift; HAVEN_TOKEN=$token "$HAVEN" "$@"; }

step "0. The routing policy is data: check it and run its tests"
"$HAVEN" policy check "$HAVEN_POLICY"
"$HAVEN" policy test "$HAVEN_POLICY"

step "1. Create an encrypted store (key file wrapped by a passphrase with scrypt)"
# --allow-fixed-clock: this demo store may set HAVEN_CLOCK to show deadlines and follow-ups.
ADMIN=$("$HAVEN" init --admin-name "Quản trị viên" --allow-fixed-clock --json | json "['adminToken']")
echo "store: $HAVEN_STORE"
echo "key file (kept apart from the store): $(ls "$XDG_CONFIG_HOME"/haven/keys/)"

step "2. Users, and each agency's key pair (private keys go to the agencies; the store keeps public keys)"
COMMUNES=(my-thoi binh-duc long-xuyen tri-ton tinh-bien chau-doc)
OFFICER=$(as "$ADMIN" user add --name "Cán bộ Mẫu" --role field-officer --commune "${COMMUNES[@]}" --json | json "['token']")
SUPERVISOR=$(as "$ADMIN" user add --name "Giám sát Mẫu" --role supervisor --json | json "['token']")
LEGAL=$(as "$ADMIN" user add --name "Luật sư Mẫu" --role caseworker --agency justice-legal-aid --json | json "['token']")
POLICE=$(as "$ADMIN" user add --name "Công an Mẫu" --role caseworker --agency police --json | json "['token']")
HEALTH=$(as "$ADMIN" user add --name "Y tế Mẫu" --role caseworker --agency health --json | json "['token']")
as "$ADMIN" user list --lang "$L"
mkdir -p "$DEMO/agency-keys"
for agency in police commune-committee justice-legal-aid culture-dv child-protection health womens-union; do
  as "$ADMIN" agency keygen "$agency" --out "$DEMO/agency-keys/$agency.key" >/dev/null
done
as "$ADMIN" agency list --lang "$L" | grep -E '^[a-z]|key:'

step "3. Import 200 synthetic cases (intake JSON Lines); each is routed in its intake transaction"
SYNTH_ARGS=()
for c in "${COMMUNES[@]}"; do SYNTH_ARGS+=(--commune "$c"); done
"$HAVEN" synth --count 200 --seed 2026 "${SYNTH_ARGS[@]}" --out "$DEMO/cases.jsonl"
as "$OFFICER" case import "$DEMO/cases.jsonl"

step "4. One more case as intake JSON, first with a typo: Haven refuses it and says why"
sed 's/"beating"/"beatng"/' "$SAMPLE" > "$DEMO/typo.json"
as "$OFFICER" case new --from "$DEMO/typo.json" --lang "$L" || echo "(exit $?: nothing was saved)"
as "$OFFICER" case new --from "$SAMPLE" --lang "$L" 2>&1 | tee "$DEMO/new-case.txt"
ID=$(grep -o 'C-[0-9A-Z]\{8\}' "$DEMO/new-case.txt" | head -1)
# The screen names agencies as the policy does; their referral ids come from the case's JSON.
as "$OFFICER" case show "$ID" --json > "$DEMO/new-case.json"
ref() { python3 -c "import json,sys; print([r['id'] for r in json.load(open(sys.argv[1]))['referrals'] if r['agency']==sys.argv[2]][0])" "$DEMO/new-case.json" "$1"; }
POLICE_REF=$(ref police); LEGAL_REF=$(ref justice-legal-aid); HEALTH_REF=$(ref health)

step "5. Why: each rule that fired, and exactly which fields each agency receives"
as "$OFFICER" policy explain --case "$ID" --lang "$L" | grep -E '^(→|✔|✖|    receives)'

step "5b. A \"minor\" case the law does not allow to be mediated: a husband beats his pregnant wife, no injury"
# Before the law review, this case went to mediation while the police referral waited for a
# consent that might never come. Penal Code Art. 134(1)(c): the police are told, and mediation is refused.
PREGNANT=$(as "$OFFICER" case new --from "$PREGNANT_SAMPLE" --json | json "['id']")
as "$OFFICER" policy explain --case "$PREGNANT" --lang "$L" | sed -n '/^→/,$p'
echo "The police packet holds only what they need to act (sent without her consent), and how to reach her safely:"
PREGNANT_POLICE=$(as "$OFFICER" case show "$PREGNANT" --json | python3 -c "import json,sys; print([r['id'] for r in json.load(sys.stdin)['referrals'] if r['agency']=='police'][0])")
as "$POLICE" referral show "$PREGNANT_POLICE" --agency-key "$DEMO/agency-keys/police.key" --lang "$L"

step "6. The officer opens the case: sealed fields are decrypted, and the read is audited"
as "$OFFICER" case show "$ID" --lang vi
as "$OFFICER" case note "$ID" --text "Đã liên hệ lại qua điện thoại; người bị bạo lực an toàn." --lang "$L"

step "7. The Legal Aid Centre's inbox: it opens the packet with its own key, acknowledges, accepts"
as "$LEGAL" referral list --lang "$L" | sed -n '1,6p'
as "$LEGAL" referral show "$LEGAL_REF" --agency-key "$DEMO/agency-keys/justice-legal-aid.key"
as "$LEGAL" referral ack "$LEGAL_REF" --lang "$L"
as "$LEGAL" referral accept "$LEGAL_REF" --lang "$L"
echo "With the health centre's key instead, the packet does not open:"
as "$LEGAL" referral show "$LEGAL_REF" --agency-key "$DEMO/agency-keys/health.key" --lang "$L" || echo "(exit $?)"
echo "The health centre declines its referral; the field officer sees it on the case:"
as "$HEALTH" referral decline "$HEALTH_REF" --reason survivor_unreachable --lang "$L"

step "8. The police referral waits for the survivor's consent; recording it sends the referral, sealed"
as "$OFFICER" referral release "$POLICE_REF" --lang "$L" || echo "(exit $?: no consent yet)"
as "$OFFICER" case consent "$ID" --police yes --lang "$L"
as "$POLICE" referral show "$POLICE_REF" --agency-key "$DEMO/agency-keys/police.key" | sed -n '1,3p'

step "9. Held referrals have a clock: the officer sees those waiting too long for consent"
AHEAD="$(TZ=Asia/Ho_Chi_Minh date -d '+4 days' +%F)T10:00:00+07:00"
echo "(the clock is set four days ahead with HAVEN_CLOCK)"
HAVEN_CLOCK=$AHEAD as "$OFFICER" referral list --held --overdue --lang "$L" 2>/dev/null | sed -n '1,8p'
echo "Supervisors: overdue counts per agency and priority, no identity:"
HAVEN_CLOCK=$AHEAD as "$SUPERVISOR" referral overdue --lang "$L" 2>/dev/null | sed -n '1,12p'
echo "…and a supervisor may not read the case (exit 77; the attempt is audited):"
as "$SUPERVISOR" case show "$ID" --lang "$L" || echo "(exit $?)"

step "10. An offline bundle for the police: sealed packets and the store's signatures only"
as "$ADMIN" referral export --agency police --out "$DEMO/police-bundle.json" --lang "$L"

step "11. Grassroots mediation: teams, and who may be mediated"
TEAM2=$(as "$OFFICER" mediation team add --commune my-thoi --name "Tổ hai người" --json | json "['id']")
as "$OFFICER" mediation team member add "$TEAM2" --name "Chị Sáu" --sex female --ethnicity kinh >/dev/null
as "$OFFICER" mediation team member add "$TEAM2" --name "Anh Bảy" --sex male --ethnicity kinh >/dev/null
TEAM=$(as "$OFFICER" mediation team add --commune my-thoi --name "Tổ hòa giải khóm Đông Thạnh" --json | json "['id']")
for member in "Chị Ba:female" "Anh Tư:male" "Chú Năm:male"; do
  as "$OFFICER" mediation team member add "$TEAM" --name "${member%%:*}" --sex "${member##*:}" --ethnicity kinh >/dev/null
done
as "$OFFICER" mediation team list --lang "$L"
echo "The case above (beating, no consent to mediation) may not be mediated:"
as "$OFFICER" mediation eligible "$ID" --lang "$L" || true
FAMILY=$(as "$OFFICER" case new --from "$FAMILY_SAMPLE" --json | json "['id']")
echo "A family conflict (insults and threats by a spouse, consent given), case $FAMILY:"
as "$OFFICER" mediation eligible "$FAMILY" --lang "$L"
echo "A team of two may not take it:"
as "$OFFICER" mediation open "$FAMILY" --team "$TEAM2" --lang "$L" || echo "(exit $?)"
MEDIATION=$(as "$OFFICER" mediation open "$FAMILY" --team "$TEAM" --json | json "['id']")
echo "mediation $MEDIATION opened with team $TEAM"
TODAY=$(TZ=Asia/Ho_Chi_Minh date +%F)
as "$OFFICER" mediation session "$MEDIATION" --date "$TODAY" --outcome agreement --agreement "Hai bên cam kết không tái diễn (dữ liệu mẫu)" --lang "$L"

step "12. Follow-ups after the agreement; at the second, violence has recurred"
DAY30=$(date -d "$TODAY +30 days" +%F); DAY90=$(date -d "$TODAY +90 days" +%F)
echo "(the clock is set 30, then 90 days ahead with HAVEN_CLOCK)"
HAVEN_CLOCK="${DAY30}T10:00:00+07:00" as "$OFFICER" mediation followup "$MEDIATION" --date "$DAY30" --recurred no --lang "$L" 2>/dev/null
HAVEN_CLOCK="${DAY90}T10:00:00+07:00" as "$OFFICER" mediation followup "$MEDIATION" --date "$DAY90" --recurred yes --lang "$L" 2>/dev/null
echo "The case was re-routed at once: the police and culture now have mandatory referrals, and mediation is blocked:"
as "$OFFICER" case show "$FAMILY" --lang "$L" | sed -n '/^Referrals/,/^$/p'
as "$OFFICER" mediation eligible "$FAMILY" --lang "$L" || true
echo "The team's logbook (coded fields only):"
as "$OFFICER" mediation logbook --team "$TEAM" --year "${TODAY%%-*}"
echo "Supervisors: does mediation work? (cases with consent to statistics only; every count perturbed)"
as "$SUPERVISOR" mediation stats --year "${TODAY%%-*}" --lang "$L"

step "13. Statistics for supervisors: anonymised, split by sex, every count perturbed"
YEAR="${TODAY%%-*}"
as "$SUPERVISOR" stats --by gbvType,survivorSex --period "$YEAR" --lang "$L"
echo "By former district (cell-key perturbation: the same people give the same figure in every table, so subtracting tables gives noise):"
as "$SUPERVISOR" stats --by formerDistrict,survivorSex --period "$YEAR" --lang "$L"
echo "Referrals per agency, with median hours to acknowledgement and the share overdue:"
as "$SUPERVISOR" stats --by agency --measure referrals --period "$YEAR" --lang "$L"
echo "The retired noise mode says why it is gone (exit 64):"
as "$SUPERVISOR" stats --by survivorSex --period "$YEAR" --privacy dp --epsilon 1 --lang "$L" || true
as "$SUPERVISOR" stats --by survivorAgeGroup,survivorSex --period "$YEAR" --format svg > "$DEMO/age-by-sex.svg"
echo "chart: $DEMO/age-by-sex.svg"

step "14. The annual report (HTML with charts, and Markdown) and the exports for partners"
as "$SUPERVISOR" report annual --year "$YEAR" --lang vi --out "$DEMO/bao-cao-$YEAR.html" >/dev/null
as "$SUPERVISOR" report annual --year "$YEAR" --lang en --format md --out "$DEMO/report-$YEAR.md" >/dev/null
echo "Per-case rows go only to a data-sharing partner's account, which the administrator grants (audited); a supervisor is refused:"
as "$SUPERVISOR" export incident-recorder --year "$YEAR" --out "$DEMO/refused.csv" --lang "$L" || true
PARTNER=$(as "$ADMIN" user add --name "Đối tác Mẫu" --role data-partner --agency unfpa --json | json "['token']")
as "$PARTNER" export incident-recorder --year "$YEAR" --out "$DEMO/incident-recorder-$YEAR.csv" --lang "$L"
echo "report: $DEMO/bao-cao-$YEAR.html (open it in a browser), $DEMO/report-$YEAR.md"
echo "incident recorder: $(($(wc -l < "$DEMO/incident-recorder-$YEAR.csv") - 1)) rows, coded fields only, k-anonymous"
sed -n '1,12p' "$DEMO/report-$YEAR.md"

step "15. No plaintext at rest: the survivor's name is not in the store files"
if grep -rqa "Nguyễn Thị Lan" "$HAVEN_STORE"; then echo "FOUND — this is a bug"; exit 70; else echo "not found in $(ls "$HAVEN_STORE" | tr '\n' ' ')"; fi

step "16. The audit chain: every write and every sealed read, hash-chained and signed"
as "$ADMIN" audit log --case "$ID" --lang "$L"
as "$ADMIN" audit verify --lang "$L"

step "Done"
cat <<EOT
The demo store stays in $DEMO. To keep exploring it:
  export XDG_CONFIG_HOME=$XDG_CONFIG_HOME HAVEN_STORE=$HAVEN_STORE HAVEN_PASSPHRASE='$HAVEN_PASSPHRASE'
  export HAVEN_TOKEN=$OFFICER   # the field officer
  $HAVEN case list
Remove it with: rm -rf $DEMO
EOT
