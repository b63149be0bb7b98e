#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser that reads bytes from outside (docs/fuzzing.md), with Jazzer's
# standalone driver. Usage: fuzz/run.sh [seconds per target] [class name filter]   (run from anywhere)
#   fuzz/run.sh 20           the bounded run .ci/run makes: 20 s per target, fails on any finding
#   fuzz/run.sh 3600 Bencode a long run of the targets whose class name contains "Bencode"
# Needs the bundles' test classes: it compiles them (mvn test-compile) unless FUZZ_NO_BUILD=1.
# Findings are written to fuzz/target/findings/<Class>/ (crash-*, timeout-*, oom-*); the grown corpus is kept
# in fuzz/target/corpus/<Class>/ so that repeated runs go on where the last one stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-20}"
FILTER="${2:-}"
JAZZER_VERSION=0.30.0
SHARED="${DEBSWARM_SHARED:-$(cd .. && pwd)/shared}"
OUT=fuzz/target
mkdir -p "$OUT/lib"

targets() { grep -v '^#' fuzz/targets.txt | grep -v '^$' | { [ -n "$FILTER" ] && grep -- "$FILTER" || cat; }; }
bundles=$(targets | awk '{print $1}' | sort -u | paste -sd, -)
[ -n "$bundles" ] || { echo "no fuzz target matches '$FILTER'"; exit 1; }

# The driver, from Maven Central like every other dependency (its jar carries the native libFuzzer driver).
for artifact in jazzer jazzer-api; do
  [ -f "$OUT/lib/$artifact-$JAZZER_VERSION.jar" ] || mvn -B -q dependency:copy \
      -Dartifact="com.code-intelligence:$artifact:$JAZZER_VERSION" -DoutputDirectory="$OUT/lib"
done

# Test class paths in one reactor run, so that sibling bundles resolve to their target/classes (no mvn install).
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/fuzz.classpath -pl "$bundles" -am
fi

fuzz/seeds.sh "$SHARED" "$OUT/seeds"
# The wrapper Jazzer runs around each target: a per-input allocation budget (fuzz/src, docs/fuzzing.md).
javac -d "$OUT/classes" fuzz/src/org/debswarm/fuzz/AllocationBudget.java

failed=()
count=0
while read -r bundle class seeds; do
  name="${class##*.}"
  count=$((count + 1))
  corpus="$OUT/corpus/$name"; findings="$OUT/findings/$name"
  mkdir -p "$corpus" "$findings"
  seed_dirs=()
  for dir in "fuzz/seeds/$name" "$OUT/seeds/$seeds"; do [ -d "$dir" ] && seed_dirs+=("$dir"); done
  cp="$bundle/target/test-classes:$bundle/target/classes:$(cat "$bundle/target/fuzz.classpath")"
  echo "== $name: ${SECONDS_PER_TARGET}s (seeds: ${seed_dirs[*]:-none})"
  # -rss_limit_mb above the heap: an input that makes the parser allocate past its stated limits is an OOM
  # finding; -timeout: one input taking 10 s is a hang finding.
  if ! java -Xmx512m -Dfuzz.target="$class" \
      -cp "$OUT/lib/jazzer-$JAZZER_VERSION.jar:$OUT/lib/jazzer-api-$JAZZER_VERSION.jar:$OUT/classes:$cp" \
      com.code_intelligence.jazzer.Jazzer --target_class=org.debswarm.fuzz.AllocationBudget \
      --instrumentation_includes='org.debswarm.**' --reproducer_path="$findings" \
      -artifact_prefix="$findings/" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=1536 \
      -max_len=65536 -print_final_stats=1 "$corpus" "${seed_dirs[@]}" </dev/null >"$OUT/$name.log" 2>&1; then
    tail -n 60 "$OUT/$name.log"
    failed+=("$name")
  else
    grep -E '^(Done|stat::number_of_executed_units|cov:|#[0-9]+.*DONE)' "$OUT/$name.log" | tail -n 3 || true
  fi
done < <(targets)

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found a problem in: ${failed[*]} (inputs in $OUT/findings/, logs in $OUT/*.log)"
  echo "fuzzing: $((count - ${#failed[@]})) passed, ${#failed[@]} failed"
  exit 1
fi
echo "every target ran ${SECONDS_PER_TARGET}s without a finding"
echo "fuzzing: $count passed, 0 failed"
