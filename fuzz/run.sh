#!/bin/sh
# Runs each libFuzzer harness (build-fuzz/fuzz/fuzz_NAME) for FUZZ_SECONDS
# from its seed corpus, FUZZ_JOBS at a time, and prints one line each:
#   ok - fuzz NAME: N runs in S s, corpus C
#   not ok - fuzz NAME: ... (with the reproducer and the end of the log)
# New inputs go to build-fuzz/corpus/NAME; fuzz/corpus/NAME is only read.
# Exit 1 when any harness found a crash, a leak, UB or a timeout.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
out=build-fuzz/runs
mkdir -p "$out" build-fuzz/artifacts

one() {
	name=$1
	mkdir -p "build-fuzz/corpus/$name"
	"build-fuzz/fuzz/fuzz_$name" "build-fuzz/corpus/$name" "fuzz/corpus/$name" \
		-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build-fuzz/artifacts/$name-" >"$out/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$out/$name.log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		echo "ok - fuzz $name: ${runs:-?} runs in $secs s ($cov)" >"$out/$name.result"
	else
		{
			echo "not ok - fuzz $name: exit $rc after ${runs:-?} runs"
			ls build-fuzz/artifacts/"$name"-* 2>/dev/null | sed 's/^/#   reproducer: /'
			grep -E 'ERROR|SUMMARY|property failed|#[0-9]+ 0x' "$out/$name.log" |
				head -20 | sed 's/^/#   /'
		} >"$out/$name.result"
	fi
}

running=0
for name in "$@"; do
	one "$name" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait

fail=0
for name in "$@"; do
	cat "$out/$name.result"
	grep -q '^not ok' "$out/$name.result" && fail=1
done
exit $fail
