#!/usr/bin/env bash
# Windows test lane: runs every Windows test class of every module for real, with a Windows
# x64 Java 17 under Wine, through the JUnit Platform console launcher.
#
# A Windows test class carries both @Tag("windows") and @EnabledOnOs(OS.WINDOWS): on Linux
# Surefire reports it as skipped; here the launcher runs exactly the classes tagged "windows".
#
# It runs after the Maven build (the `wine` profile calls it in the verify phase, after every
# module was built and tested on Linux). It reads each module's test classpath from
# target/wine-test-classpath.txt, which the `wine` profile writes; when a file is missing (the
# script run by hand) it asks Maven for it.
#
# Installs Wine when missing (apt-get), fetches the Windows JRE (npm, sha256-checked) and the
# JUnit console launcher (Maven), keeps both and a private WINEPREFIX under
# ${JSRVANY_CACHE:-$HOME/.cache/jsrvany}, runs a persistent wineserver for the services tests
# and always stops it. Exits non-zero if a test failed or if no Windows test ran.
#
# Environment: JSRVANY_CACHE (cache folder), JSRVANY_WINE_TIMEOUT (seconds for one module's
# run, default 900), WINEDEBUG (default -all; err+all shows why Wine refuses something),
# JSRVANY_WINE_CLASSES (a regular expression for the fully qualified names of the test classes to
# run, default every class: e.g. '.+ReadinessWindowsIT' runs one class; write '.+', never '*' or '?',
# which the Windows java launcher expands as file wildcards
# (see run_module)).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${JSRVANY_CACHE:-$HOME/.cache/jsrvany}
TIMEOUT=${JSRVANY_WINE_TIMEOUT:-900}

JRE_PACKAGE=@node-plantuml-2/jre-win32-x64
JRE_VERSION=1.1.8
JRE_SHA256=6ab29e67f68543aba53fa1ca7c80c75c0a8b4117cd1bad11bfa25d8913bc6489
JRE_DIR=$CACHE/jre-win32-x64-$JRE_VERSION
CLASSPATH_FILE=target/wine-test-classpath.txt
TAG=windows
CLASSES=${JSRVANY_WINE_CLASSES:-^.+\$}

export WINEPREFIX=$CACHE/wineprefix
export WINEARCH=win64
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree=;mshtml="
unset DISPLAY

LOGS=$CACHE/logs
mkdir -p "$CACHE" "$LOGS"
LANE_START=$EPOCHREALTIME

say() { printf '[wine-lane] %s\n' "$*"; }
die() { printf '[wine-lane] ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { # seconds since $1 (an $EPOCHREALTIME value), one decimal
  awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}
# phase NAME COMMAND...: runs COMMAND and prints one line with its duration.
phase() {
  local name=$1 start=$EPOCHREALTIME
  shift
  "$@"
  say "$name: done in $(elapsed "$start") s"
}
# run_logged LOG COMMAND...: runs COMMAND quietly; on failure shows the end of its log.
run_logged() {
  local log=$1
  shift
  if ! "$@" >"$log" 2>&1 </dev/null 9>&-; then
    tail -n 40 "$log" >&2
    die "failed: $* (log: $log)"
  fi
}

# One lane per cache at a time: two lanes would kill each other's wineserver. Wine never gets
# fd 9 (9>&-): a daemon holding the lock would block every later run.
exec 9>"$CACHE/lane.lock"
flock 9

install_wine() {
  if command -v wine >/dev/null && command -v wineserver >/dev/null; then
    say "wine: $(wine --version 2>/dev/null) already installed"
    return
  fi
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  run_logged "$LOGS/apt.log" "${sudo[@]}" apt-get update
  run_logged "$LOGS/apt-install.log" "${sudo[@]}" apt-get install -y --no-install-recommends \
    wine wine64 libwine
  command -v wineserver >/dev/null || die "wine installed but no wineserver on PATH"
  say "wine: installed $(wine --version 2>/dev/null)"
}

fetch_jre() {
  if [ -f "$JRE_DIR/jre/bin/java.exe" ]; then
    say "jre: cached $JRE_DIR"
    return
  fi
  local tmp tgz actual
  tmp=$(mktemp -d "$CACHE/jre.XXXXXX")
  (cd "$tmp" && run_logged "$LOGS/npm-pack.log" npm pack "$JRE_PACKAGE@$JRE_VERSION")
  tgz=$(find "$tmp" -maxdepth 1 -name '*.tgz' | head -n 1)
  [ -n "$tgz" ] || die "npm pack $JRE_PACKAGE@$JRE_VERSION wrote no tarball"
  actual=$(sha256sum "$tgz" | cut -d' ' -f1)
  if [ "$actual" != "$JRE_SHA256" ]; then
    rm -rf "$tmp"
    die "sha256 mismatch for $JRE_PACKAGE@$JRE_VERSION: expected $JRE_SHA256, got $actual"
  fi
  mkdir "$tmp/unpacked"
  tar -xzf "$tgz" -C "$tmp/unpacked"
  [ -f "$tmp/unpacked/package/jre/bin/java.exe" ] || die "no jre/bin/java.exe in $tgz"
  rm -rf "$JRE_DIR"
  mv "$tmp/unpacked/package" "$JRE_DIR"
  rm -rf "$tmp"
  say "jre: fetched $JRE_PACKAGE@$JRE_VERSION (sha256 ok)"
}

# Module folders: every direct subfolder of the root with a pom.xml (the lane module lives
# under .ci/ and is not one of them).
modules() {
  local pom
  for pom in "$ROOT"/*/pom.xml; do
    basename "$(dirname "$pom")"
  done
}

test_classpaths() {
  local m missing=0
  for m in $(modules); do
    [ -f "$ROOT/$m/$CLASSPATH_FILE" ] || missing=1
  done
  if [ "$missing" = 1 ]; then
    # Run by hand: ask Maven. The whole reactor, through test-compile (up to date, so quick):
    # only then do sibling modules resolve to their build output.
    run_logged "$LOGS/build-classpath.log" mvn -B -q -f "$ROOT/pom.xml" \
      test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"
    say "classpath: asked Maven for the test classpaths"
  else
    say "classpath: read what the build wrote"
  fi
  for m in $(modules); do
    [ -f "$ROOT/$m/$CLASSPATH_FILE" ] || die "no $m/$CLASSPATH_FILE"
  done
}

fetch_console_launcher() {
  local v
  v=$(tr ':' '\n' <"$ROOT/$(modules | head -n 1)/$CLASSPATH_FILE" |
    sed -n 's#.*/junit-platform-engine-\([^/]*\)\.jar$#\1#p' | head -n 1)
  [ -n "$v" ] || die "no junit-platform-engine on the test classpath: cannot tell the JUnit version"
  CONSOLE_JAR=$CACHE/junit/junit-platform-console-standalone-$v.jar
  if [ -f "$CONSOLE_JAR" ]; then
    say "junit: cached console launcher $v"
    return
  fi
  run_logged "$LOGS/console-launcher.log" mvn -B -q -N -f "$ROOT/pom.xml" dependency:copy \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$v" \
    -DoutputDirectory="$CACHE/junit"
  [ -f "$CONSOLE_JAR" ] || die "Maven did not write $CONSOLE_JAR"
  say "junit: fetched console launcher $v"
}

stop_wineserver() {
  if [ "${WINESERVER_STARTED:-0}" = 1 ]; then
    wineserver -k </dev/null >/dev/null 2>&1 || true
    wineserver -w </dev/null >/dev/null 2>&1 || true
    say "wineserver: stopped"
  fi
}

start_wine() {
  # Leftovers of an interrupted run of this prefix would hold stale services.
  wineserver -k </dev/null >/dev/null 2>&1 9>&- || true
  WINESERVER_STARTED=1
  mkdir -p "$WINEPREFIX"
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    # Create the prefix and let Wine finish all of its first-time setup before any test: right
    # after `wineboot -i` the SCM database can still be locked (StartService fails with 1055).
    run_logged "$LOGS/wineboot-init.log" wineboot -i
    timeout 300 wineserver -w </dev/null >/dev/null 2>&1 9>&- || die "wine prefix setup did not settle"
    say "wine: created prefix $WINEPREFIX"
  else
    say "wine: reusing prefix $WINEPREFIX"
  fi
  # Persistent, or services die a moment after the last ordinary Wine process exits. All stdio
  # on /dev/null (or files): Wine's daemons keep whatever they inherit open for ever.
  wineserver -p </dev/null >/dev/null 2>&1 9>&-
  run_logged "$LOGS/wineboot.log" wineboot
}

winpath() { # Linux path -> Z:\ path
  local p=$1
  printf 'Z:%s' "${p//\//\\}"
}

# windows_classpath MODULE: the module's test classpath for Windows, joined with ';', without
# the JUnit Platform/Jupiter jars (the console launcher brings the same ones; two copies would
# register every engine twice).
windows_classpath() {
  local m=$1 entry out
  out="$(winpath "$ROOT/$m/target/test-classes");$(winpath "$ROOT/$m/target/classes")"
  while IFS= read -r entry; do
    [ -n "$entry" ] || continue
    case "$entry" in
      */org/junit/platform/* | */org/junit/jupiter/* | */org/opentest4j/* | */org/apiguardian/*) continue ;;
    esac
    out="$out;$(winpath "$entry")"
  done < <(tr ':' '\n' <"$ROOT/$m/$CLASSPATH_FILE")
  printf '%s' "$out"
}

TOTAL_FOUND=0 TOTAL_OK=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0 TOTAL_ABORTED=0 RUN_FAILED=0

count() { # count LOG WORD: the number in the summary line "[ N tests WORD ]"
  tr -d '\r' <"$1" | sed -n "s/^\[ *\([0-9][0-9]*\) tests $2 *\]\$/\1/p" | tail -n 1
}

run_module() {
  # Every class name (not only the launcher's default *Test/*Tests): the tag selects. No '*' or
  # '?' in any argument: the Windows java launcher expands them as file wildcards.
  local m=$1 log start rc=0 cp
  log=$ROOT/$m/target/wine-lane.log
  start=$EPOCHREALTIME
  cp="$(winpath "$CONSOLE_JAR");$(windows_classpath "$m")"
  say "tests: $m"
  : >"$log"
  timeout -k 15 "$TIMEOUT" wine "$JRE_DIR/jre/bin/java.exe" -cp "$cp" \
    org.junit.platform.console.ConsoleLauncher execute \
    --disable-banner --details=tree --disable-ansi-colors --include-engine=junit-jupiter \
    --scan-classpath "$(winpath "$ROOT/$m/target/test-classes")" \
    --include-classname "$CLASSES" --include-tag "$TAG" \
    --reports-dir "$(winpath "$ROOT/$m/target/wine-test-reports")" \
    </dev/null >"$log" 2>&1 9>&- &
  local pid=$!
  # Stream the log while it runs; Wine never gets our stdout (it would keep it open).
  tail -n +1 -f --pid="$pid" "$log" | sed -u 's/\r$//' || true
  wait "$pid" || rc=$?
  local found ok failed skipped aborted
  found=$(count "$log" found) ok=$(count "$log" successful) failed=$(count "$log" failed)
  skipped=$(count "$log" skipped) aborted=$(count "$log" aborted)
  if [ -z "$found" ]; then
    say "$m: no JUnit summary (exit $rc; timeout is ${TIMEOUT}s) - counted as a failure"
    RUN_FAILED=1
    return
  fi
  TOTAL_FOUND=$((TOTAL_FOUND + found)) TOTAL_OK=$((TOTAL_OK + ok))
  TOTAL_FAILED=$((TOTAL_FAILED + failed)) TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
  TOTAL_ABORTED=$((TOTAL_ABORTED + aborted))
  [ "$rc" = 0 ] || RUN_FAILED=1
  say "$m: $ok passed, $failed failed, $((skipped + aborted)) skipped (exit $rc) in $(elapsed "$start") s"
}

run_tests() {
  local m ran=0
  for m in $(modules); do
    # A class tagged "windows" holds the string in its constant pool: a module without it has
    # no Windows test, and saves a JVM start under Wine.
    if [ -d "$ROOT/$m/target/test-classes" ] &&
      grep -rqa --include='*.class' "$TAG" "$ROOT/$m/target/test-classes"; then
      run_module "$m"
      ran=1
    fi
  done
  [ "$ran" = 1 ] || say "no module has a class tagged $TAG"
}

trap stop_wineserver EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "root $ROOT, cache $CACHE"
phase "setup wine" install_wine
phase "setup jre" fetch_jre
phase "setup classpath" test_classpaths
phase "setup junit" fetch_console_launcher
phase "setup prefix" start_wine
phase "windows tests" run_tests

skipped_all=$((TOTAL_SKIPPED + TOTAL_ABORTED))
say "total: $TOTAL_FOUND found, $TOTAL_OK passed, $TOTAL_FAILED failed, $skipped_all skipped or aborted, lane $(elapsed "$LANE_START") s"
echo "wine: $TOTAL_OK passed, $TOTAL_FAILED failed, $skipped_all skipped"
if [ "$TOTAL_FAILED" != 0 ] || [ "$RUN_FAILED" != 0 ]; then
  die "Windows tests failed under Wine (logs: */target/wine-lane.log)"
fi
if [ "$TOTAL_OK" = 0 ]; then
  die "no Windows test ran: tag Windows test classes @Tag(\"$TAG\") and @EnabledOnOs(OS.WINDOWS)"
fi
