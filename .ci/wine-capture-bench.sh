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
#
# Each tool also runs the same program with 1,000 bytes only: what a run costs whatever it captures
# (starting the JVMs under Wine). "capture only" compares what BYTES add to that, jsrvany against the
# direct redirect: the capture path itself. SERVICE=1 (the default) measures as an installed service
# starts: a copy of the lane's runtime given a base class data archive (`java -Xshare:dump`, which
# Windows JDK builds ship and the lane's jlink runtime lacks), the launcher's own archive (made by a
# training run, as install makes it), and JNA's DLL from the launcher's folder; the program and the
# direct redirect run on that runtime too. SERVICE=0 keeps the lane's runtime and the foreground options.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${JSRVANY_CACHE:-$HOME/.cache/jsrvany}
JRE=$CACHE/jre-win32-x64-1.1.8/jre/bin/java.exe
BYTES=${1:-100000000}
RUNS=${2:-3}
SMALL=1000
SERVICE=${SERVICE:-1}
JVM="-Xrs -Xms4m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
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

if [ "$SERVICE" = 1 ]; then
  # The runtime as Windows JDK builds ship it: with a base class data archive (a copy; the lane's stays as it is).
  CDS_JRE=$CACHE/jre-cds-$(basename "$(dirname "$(dirname "$(dirname "$JRE")")")")
  if [ ! -f "$CDS_JRE/bin/server/classes.jsa" ]; then
    rm -rf "$CDS_JRE"
    cp -r "$(dirname "$(dirname "$JRE")")" "$CDS_JRE"
    wine "$CDS_JRE/bin/java.exe" -Xshare:dump </dev/null >"$WORK/dump.log" 2>&1 9>&- || die "java -Xshare:dump failed: $(tail -3 "$WORK/dump.log")"
  fi
  JRE=$CDS_JRE/bin/java.exe
  # JNA's DLL beside the jar, loaded from there (as the ImagePath says), and the launcher's archive from a training run.
  JNA_DIR=$WORK/lib
  mkdir -p "$JNA_DIR"
  cp "$(dirname "$LAUNCHER")/jnidispatch.dll" "$JNA_DIR/"
  JNA="-Djna.boot.library.path=$(winpath "$JNA_DIR") -Djna.nosys=true -Djna.nounpack=true"
  cat >"$WORK/train.properties" <<PROPS
Application=$(proppath "$JRE")
AppParameters=-version
AppExit=Exit
PROPS
  # shellcheck disable=SC2086
  wine "$JRE" $JVM $JNA "-XX:ArchiveClassesAtExit=$(winpath "$WORK/launcher.jsa")" -jar "$(winpath "$LAUNCHER")" run \
    --config "$(winpath "$WORK/train.properties")" </dev/null >"$WORK/train.log" 2>&1 9>&- || true
  [ -f "$WORK/launcher.jsa" ] || die "the launcher's class data archive was not made: $(tail -3 "$WORK/train.log")"
  JVM="$JVM -XX:SharedArchiveFile=$(winpath "$WORK/launcher.jsa") -Xshare:auto $JNA"
fi

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

direct() { # [BYTES] -> seconds; leaves $WORK/direct.txt
  local n=${1:-$BYTES} s e
  rm -f "$WORK/direct.txt"
  s=$(now)
  wine cmd /c "$(winpath "$JRE") -jar $(winpath "$FIXTURE") --flood $n > $(winpath "$WORK/direct.txt")" \
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

jsrvany() { # JAR JVM-OPTIONS [BYTES] -> "seconds files verdict" (compared with the last direct run)
  local jar=$1 jvm=$2 n=${3:-$BYTES} dir=$WORK/capture s e
  rm -rf "$dir"
  mkdir -p "$dir"
  cat >"$dir/c.properties" <<PROPS
Application=$(proppath "$JRE")
AppParameters=-jar $(proppath "$FIXTURE") --flood $n
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

declare -a D J B DS JS
JV="" BV="" JSV=""
for ((r = 1; r <= RUNS; r++)); do
  DS+=("$(direct "$SMALL")")
  read -r t files v < <(jsrvany "$LAUNCHER" "$JVM" "$SMALL")
  JS+=("$t") JSV=$v
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
ds=$(printf '%s\n' "${DS[@]}" | median)
js=$(printf '%s\n' "${JS[@]}" | median)
echo "Wine $(wine --version 2>/dev/null), $BYTES bytes of 100-byte lines, $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$SERVICE" = 1 ]; then
  echo "As the service starts: runtime with a base archive, the launcher's archive, JNA from its folder: $JVM"
else
  echo "The lane's runtime (no class data archive), foreground options: $JVM"
fi
echo
echo "| what | median s | MB/s | x direct | capture only x direct | files | check |"
echo "|---|---|---|---|---|---|---|"
awk -v t="$ds" -v n="$SMALL" 'BEGIN { printf "| direct, %d bytes (the fixed cost) | %.2f | | | | 1 | |\n", n, t }'
awk -v t="$js" -v d="$ds" -v n="$SMALL" -v c="$JSV" \
  'BEGIN { printf "| jsrvany, %d bytes (the fixed cost) | %.2f | | %.2f | | 1 | %s |\n", n, t, d / t, c }'
awk -v t="$d" -v n="$BYTES" 'BEGIN { printf "| direct: cmd /c \"java ... > file\" | %.2f | %.0f | 1.00 | 1.00 | 1 | |\n", t, n / 1e6 / t }'
awk -v t="$j" -v d="$d" -v n="$BYTES" -v f="$JF" -v c="$JV" -v ds="$ds" -v js="$js" \
  'BEGIN { co = (t - js > 0) ? sprintf("%.2f", (d - ds) / (t - js)) : "n/a"
           printf "| jsrvany run --config, rotation 16 MiB | %.2f | %.0f | %.2f | %s | %d | %s |\n", t, n / 1e6 / t, d / t, co, f, c }'
if [ -n "${BASELINE:-}" ]; then
  b=$(printf '%s\n' "${B[@]}" | median)
  awk -v t="$b" -v d="$d" -v n="$BYTES" -v c="$BV" \
    'BEGIN { printf "| baseline jar | %.2f | %.0f | %.2f | | | %s |\n", t, n / 1e6 / t, d / t, c }'
fi
echo
echo "(each figure includes starting the program's JVM under Wine; jsrvany's also its own start; \"capture only\""
echo " is (direct - direct's fixed cost) / (jsrvany - jsrvany's fixed cost))"
