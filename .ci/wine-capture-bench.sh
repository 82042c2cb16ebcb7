#!/usr/bin/env bash
# Windows capture benchmark under Wine: the real launcher jar (`run --config`, as on Windows) capturing
# the samples fixture's `--flood BYTES` (100-byte lines) through PipeInputStream into AppStdout with
# online rotation at 16 MiB, against the same program redirected straight into a file by cmd.exe (the
# limit). Medians of RUNS; every run's files are compared byte for byte with the direct output.
# Prints a table; asserts nothing.
#
#   mvn -q -o -pl wrapper-launcher -am package -DskipTests
#   bash .ci/wine-capture-bench.sh [BYTES=100000000] [RUNS=3]
#
# Needs the Wine lane's cache (run `bash .ci/wine-lane.sh` once: Wine, the Windows JRE, the prefix).
# Takes the lane's lock, so it waits while a lane runs. Environment: JSRVANY_CACHE as the lane;
# BASELINE=old-launcher.jar also measures an older build in the same run (with BASELINE_JVM, default
# the service's options before issue 12).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${JSRVANY_CACHE:-$HOME/.cache/jsrvany}
JRE=$CACHE/jre-win32-x64-1.1.8/jre/bin/java.exe
BYTES=${1:-100000000}
RUNS=${2:-3}
JVM="-Xrs -Xms8m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
BASELINE_JVM=${BASELINE_JVM:-"-Xrs -Xmx64m -XX:-UsePerfData"}
LAUNCHER=$ROOT/wrapper-launcher/target/jsrvany-launcher.jar
FIXTURE=$ROOT/samples/target/jsrvany-fixture.jar

die() { printf '[wine-bench] ERROR: %s\n' "$*" >&2; exit 1; }
[ -f "$JRE" ] || die "no Windows JRE at $JRE: run 'bash .ci/wine-lane.sh' once first"
[ -f "$LAUNCHER" ] && [ -f "$FIXTURE" ] || die "build first: mvn -q -o -pl wrapper-launcher -am package -DskipTests"
command -v wine >/dev/null || die "no wine: run 'bash .ci/wine-lane.sh' once first"

export WINEPREFIX=$CACHE/wineprefix WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree=;mshtml="
unset DISPLAY
winpath() { local p=$1; printf 'Z:%s' "${p//\//\\}"; }
proppath() { local p=$1; printf 'Z:%s' "${p//\//\\\\}"; } # a backslash is doubled in a properties file

exec 9>"$CACHE/lane.lock"
flock 9
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jsrvany-wine-bench.XXXXXX")
trap 'wineserver -k </dev/null >/dev/null 2>&1 9>&- || true; rm -rf "$WORK"' EXIT
wineserver -p </dev/null >/dev/null 2>&1 9>&-
# A first Wine start pays for the prefix: not part of any measurement.
wine cmd /c exit </dev/null >/dev/null 2>&1 9>&- || true

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

direct() { # -> seconds; leaves $WORK/direct.txt
  rm -f "$WORK/direct.txt"
  local s e
  s=$(now)
  wine cmd /c "$(winpath "$JRE") -jar $(winpath "$FIXTURE") --flood $BYTES > $(winpath "$WORK/direct.txt")" \
    </dev/null >/dev/null 2>&1 9>&-
  e=$(now)
  secs "$s" "$e"
}

# The rotated files oldest first (stamp, then counter), then the current one, concatenated.
history() {
  local dir=$1 f
  for f in "$dir"/out-*.log; do
    [ -e "$f" ] || continue
    local b=${f##*/} c
    c=${b:23}; c=${c%.log}; c=${c#-}
    printf '%s %06d %s\n' "${b:4:19}" "${c:-0}" "$f"
  done | sort | while read -r _ _ f; do cat "$f"; done
  cat "$dir/out.log"
}

jsrvany() { # JAR JVM-OPTIONS -> "seconds files verdict"
  local jar=$1 jvm=$2 dir=$WORK/capture s e
  rm -rf "$dir"
  mkdir -p "$dir"
  cat >"$dir/c.properties" <<PROPS
Application=$(proppath "$JRE")
AppParameters=-jar $(proppath "$FIXTURE") --flood $BYTES
AppStdout=$(proppath "$dir/out.log")
AppRotateFiles=1
AppRotateOnline=1
AppRotateBytes=16777216
AppExit=Exit
PROPS
  s=$(now)
  # shellcheck disable=SC2086
  wine "$JRE" $jvm -jar "$(winpath "$jar")" run --config "$(winpath "$dir/c.properties")" \
    </dev/null >"$WORK/wrapper.log" 2>&1 9>&-
  e=$(now)
  local verdict="every byte as direct"
  history "$dir" | cmp -s - "$WORK/direct.txt" || verdict="DIFFERS from direct (see $WORK)"
  printf '%s %s %s\n' "$(secs "$s" "$e")" "$(ls "$dir"/out*.log | wc -l)" "$verdict"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -a D J B
JV="" BV=""
for ((r = 1; r <= RUNS; r++)); do
  D+=("$(direct)")
  read -r t files v < <(jsrvany "$LAUNCHER" "$JVM")
  J+=("$t") JV=$v JF=$files
  if [ -n "${BASELINE:-}" ]; then
    read -r t files v < <(jsrvany "$BASELINE" "$BASELINE_JVM")
    B+=("$t") BV=$v
  fi
done
d=$(printf '%s\n' "${D[@]}" | median)
j=$(printf '%s\n' "${J[@]}" | median)
echo "Wine $(wine --version 2>/dev/null), $BYTES bytes of 100-byte lines, $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | median s | MB/s | x direct | files | check |"
echo "|---|---|---|---|---|---|"
awk -v t="$d" -v n="$BYTES" 'BEGIN { printf "| direct: cmd /c \"java ... > file\" | %.2f | %.0f | 1.00 | 1 | |\n", t, n / 1e6 / t }'
awk -v t="$j" -v d="$d" -v n="$BYTES" -v f="$JF" -v c="$JV" \
  'BEGIN { printf "| jsrvany run --config, rotation 16 MiB | %.2f | %.0f | %.2f | %d | %s |\n", t, n / 1e6 / t, d / t, f, c }'
if [ -n "${BASELINE:-}" ]; then
  b=$(printf '%s\n' "${B[@]}" | median)
  awk -v t="$b" -v d="$d" -v n="$BYTES" -v c="$BV" \
    'BEGIN { printf "| baseline jar | %.2f | %.0f | %.2f | | %s |\n", t, n / 1e6 / t, d / t, c }'
fi
echo
echo "(each figure includes starting the program's JVM under Wine; jsrvany's also its own start)"
