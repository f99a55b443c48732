#!/bin/sh
# Split the INVENTED yearly city quotas of the Vũng Tàu sample over its 17 phường, xã with
# `chitieu allocate` (largest remainder, weights = invented người nghiện 2021, at least 1 each
# for cai nghiện bắt buộc), writing the targets back into plan.yaml. Run from the repo root:
#   sh samples/vung-tau-2022/make-targets.sh
set -e
PLAN=${PLAN:-samples/vung-tau-2022/plan.yaml}
W=samples/vung-tau-2022/nguoi-nghien-2021.csv
CHITIEU=${CHITIEU:-.venv/bin/chitieu}
split() {  # indicator year total [extra options]
  ind=$1; year=$2; total=$3; shift 3
  "$CHITIEU" allocate "$PLAN" -i "$ind" -p "$year" -t "$total" -w "$W" "$@" > /dev/null
}
for pair in 2022:60 2023:62 2024:64 2025:66; do split cnbb "${pair%:*}" "${pair#*:}" --min-each 1; done
for pair in 2022:20 2023:22 2024:24 2025:26; do split cntn "${pair%:*}" "${pair#*:}"; done
for pair in 2022:40 2023:45 2024:50 2025:55; do split cn_cong_dong "${pair%:*}" "${pair#*:}"; done
"$CHITIEU" plan check "$PLAN" > /dev/null && echo "$PLAN: chỉ tiêu đã được chia và tệp hợp lệ."
