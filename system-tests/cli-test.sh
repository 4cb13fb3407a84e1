#!/usr/bin/env bash
# The ./parley command line, black-box, as a user runs it: help and usage errors, then up -d, status, logs, down and
# reset on a stack of its own (a temporary PARLEY_DATA_DIR and its own ports for every service and store, so it never
# meets a stack started with ./parley up or another test), with a real API call through the gateway, a service killed
# and started again by the supervisor, and the data kept across down and up.
# ./parley test runs it last, once Maven has built the jars and the web tests the app, so up builds nothing; alone:
# system-tests/cli-test.sh (then up builds what is missing). Needs curl, as ./parley status does.
set -euo pipefail

HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PARLEY=$HOME_DIR/parley
WORK=$(mktemp -d "${TMPDIR:-/tmp}/parley-cli-test.XXXXXX")
DATA=$WORK/data
KEPT_LOGS=$HOME_DIR/system-tests/target/cli-test/logs
CHECKS=0

say() { printf '\033[1m[cli-test]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[cli-test] FAIL:\033[0m %s\n' "$*" >&2; exit 1; }
ok() { CHECKS=$((CHECKS + 1)); }
now_ms() { local micros=${EPOCHREALTIME//[.,]/}; echo $((micros / 1000)); }
seconds_since() { local ms=$(($(now_ms) - $1)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
STARTED=$(now_ms)

# The stack gets only what this test sets: a caller's PARLEY_POSTGRES_URL, PARLEY_DATA_DIR … must not reach it.
for variable in $(compgen -e); do
  if [[ $variable == PARLEY_* ]]; then unset "$variable"; fi
done

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ports from 20000–31999, none listening: below Linux's ephemeral range (32768–60999), where the Java tests' free ports
# and outgoing connections come from, so those do not take one between this choice and the stack's start.
PORT_NAMES=(GATEWAY COMMAND_API QUERY_API NOTIFICATION_HANDLER EMBEDDED_POSTGRES EMBEDDED_MONGO)
declare -A PORT
chosen=" "
for name in "${PORT_NAMES[@]}"; do
  while :; do
    candidate=$((20000 + RANDOM % 12000))
    if [[ $chosen != *" $candidate "* ]] && ! port_open "$candidate"; then break; fi
  done
  PORT[$name]=$candidate
  chosen+="$candidate "
done
# The broker and the SMTP server take free ports anyway (0).
STACK_ENV=(PARLEY_DATA_DIR="$DATA" PARLEY_SERVICE_HEAP=384m PARLEY_EMBEDDED_AMQP_PORT=0 PARLEY_EMBEDDED_SMTP_PORT=0)
for name in "${PORT_NAMES[@]}"; do STACK_ENV+=("PARLEY_${name}_PORT=${PORT[$name]}"); done
GATEWAY=http://127.0.0.1:${PORT[GATEWAY]}

# Runs ./parley with the stack's settings and no terminal on stdin; leaves RC, OUT (stdout) and ERR (stderr).
run() {
  set +e
  OUT=$(env "${STACK_ENV[@]}" "$PARLEY" "$@" 2>"$WORK/stderr" </dev/null)
  RC=$?
  set -e
  ERR=$(<"$WORK/stderr")
}

expect_rc() { # status, what was run
  [[ $RC -eq $1 ]] || fail "$2: exit status $RC, expected $1
--- stdout:
$OUT
--- stderr:
$ERR"
  ok
}

expect_in() { # text, extended regex, what it is
  grep -qE -- "$2" <<<"$1" || fail "$3: no match for /$2/ in:
$1"
  ok
}

# The live processes started for this data directory: their environment or their command line names it (the stack's
# JVM, the services, PostgreSQL). Read with builtins only, so no process of this scan is one of them.
data_dir_processes() {
  local dir environ cmdline IFS=$'\n'
  local -a fields
  for dir in /proc/[0-9]*; do
    mapfile -d '' fields 2>/dev/null <"$dir/environ" || continue
    environ=$'\n'"${fields[*]}"$'\n'
    mapfile -d '' fields 2>/dev/null <"$dir/cmdline" || continue
    cmdline="${fields[*]}"
    if [[ $environ == *$'\n'"PARLEY_DATA_DIR=$DATA"$'\n'* || $cmdline == *"$DATA"* ]]; then
      echo "${dir#/proc/}"
    fi
  done
}

finish() {
  local status=$?
  trap - EXIT
  if [[ -f $DATA/parley.pid ]]; then
    env "${STACK_ENV[@]}" "$PARLEY" down </dev/null >/dev/null 2>&1 || true
  fi
  local pid
  for pid in $(data_dir_processes); do kill -KILL "$pid" 2>/dev/null || true; done
  if ((status != 0)) && [[ -d $DATA/logs ]]; then
    rm -rf "$KEPT_LOGS" && mkdir -p "$KEPT_LOGS" && cp -r "$DATA/logs/." "$KEPT_LOGS/" || true
    tail -n 30 "$DATA/logs/parley.log" >&2 || true
    say "The stack's logs are kept in $KEPT_LOGS"
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

# HTTP through the gateway: method, path, JSON body or "", bearer token or ""; leaves STATUS and BODY.
http() {
  local args=(-s -o "$WORK/body" -w '%{http_code}' --max-time 15 -X "$1" -H 'Content-Type: application/json')
  [[ -z $3 ]] || args+=(--data "$3")
  [[ -z $4 ]] || args+=(-H "Authorization: Bearer $4")
  : >"$WORK/body"
  STATUS=$(curl "${args[@]}" "$GATEWAY$2") || STATUS=000
  BODY=$(<"$WORK/body")
}

json_field() { sed -nE "s/.*\"$1\":\"([^\"]+)\".*/\1/p" <<<"$BODY"; }

login() { # leaves ACCESS and REFRESH
  http POST /api/v1/auth/login "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" ""
  [[ $STATUS == 200 ]] || fail "login through the gateway: $STATUS $BODY"
  ACCESS=$(json_field accessToken)
  REFRESH=$(json_field refreshToken)
  [[ -n $ACCESS && -n $REFRESH ]] || fail "login answered no tokens: $BODY"
  ok
}

expect_profile() { # query-api has the user's read model (it may lag the registration by a moment)
  local deadline=$((SECONDS + 30))
  until http GET /api/v1/users/me "" "$ACCESS"; [[ $STATUS == 200 ]]; do
    ((SECONDS < deadline)) || fail "GET /api/v1/users/me through the gateway: $STATUS $BODY"
    sleep 0.5
  done
  expect_in "$BODY" '"displayName":"CLI Test"' "the user's profile"
}

expect_ports() { # open|closed
  local name deadline=$((SECONDS + 10))
  for name in "${PORT_NAMES[@]}"; do
    if [[ $1 == open ]]; then
      port_open "${PORT[$name]}" || fail "nothing listens on PARLEY_${name}_PORT ${PORT[$name]}"
    else
      while port_open "${PORT[$name]}"; do
        ((SECONDS < deadline)) || fail "PARLEY_${name}_PORT ${PORT[$name]} is still open after down"
        sleep 0.5
      done
    fi
    ok
  done
}

# ---- help and usage --------------------------------------------------------------------------------------------------
say "help and usage (data in $DATA, gateway on ${PORT[GATEWAY]})"
COMMANDS=(up down status logs reset test bench fuzz rebuild chaos)
run help
expect_rc 0 "./parley help"
for command in "${COMMANDS[@]}" help; do expect_in "$OUT" "^  $command( |$)" "./parley help lists $command"; done
run
expect_rc 0 "./parley"
expect_in "$OUT" '^Usage: \./parley <command>' "./parley alone"
for command in "${COMMANDS[@]}"; do
  run help "$command"
  expect_rc 0 "./parley help $command"
  expect_in "$OUT" "^Usage: \./parley $command( |$)" "./parley help $command"
done
for command in up down status logs reset rebuild; do # --help on a command that starts nothing with it
  run "$command" --help
  expect_rc 0 "./parley $command --help"
  expect_in "$OUT" "^Usage: \./parley $command( |$)" "./parley $command --help"
done
while IFS='|' read -r usage args; do
  read -ra words <<<"$args"
  run "${words[@]}"
  expect_rc 2 "./parley $args"
  expect_in "$ERR" "^Usage: \./parley $usage" "./parley $args: the usage on stderr"
  [[ -z $OUT ]] || fail "./parley $args wrote to stdout: $OUT"
done <<'WRONG'
<command>|nosuchcommand
<command>|help nosuchcommand
up|up --nosuchflag
down|down now
status|status --verbose
logs|logs -n many
logs|logs command-api query-api
reset|reset --force
rebuild|rebuild
fuzz|fuzz --requests many
chaos|chaos --rate 0
WRONG

# ---- before the first start ------------------------------------------------------------------------------------------
say "before up: status, down and logs find nothing"
run status
expect_rc 3 "status before up"
expect_in "$OUT" 'Parley is not running' "status before up"
run down
expect_rc 0 "down before up"
expect_in "$OUT" 'Parley is not running' "down before up"
run logs --no-follow
expect_rc 1 "logs before up"
expect_in "$ERR" 'No logs yet' "logs before up"
[[ ! -e $DATA ]] || fail "status, down or logs made $DATA"

# ---- up -d -----------------------------------------------------------------------------------------------------------
say "up -d"
t=$(now_ms)
run up -d
FIRST_UP=$(seconds_since "$t")
expect_rc 0 "up -d"
if grep -q 'Building' <<<"$OUT"; then say "up -d built first: $(grep 'Building' <<<"$OUT" | tr '\n' ' ')"; fi
expect_in "$OUT" 'Parley is up\.' "up -d"
expect_in "$OUT" "gateway +$GATEWAY " "up -d prints the gateway's URL"
expect_in "$OUT" 'Running in the background \(pid [0-9]+\)' "up -d"
STACK_PID=$(<"$DATA/parley.pid")

run status # up -d returned, so everything is healthy now
expect_rc 0 "status after up -d"
expect_in "$OUT" "Parley is running \(pid $STACK_PID, data in $DATA\)" "status"
expect_in "$OUT" "^  gateway +$GATEWAY +listening$" "status: the gateway"
for service in COMMAND_API QUERY_API NOTIFICATION_HANDLER; do
  name=$(tr 'A-Z_' 'a-z-' <<<"$service")
  expect_in "$OUT" "^  $name +http://127\.0\.0\.1:${PORT[$service]} +UP$" "status: $name"
done
expect_ports open

run up -d
expect_rc 1 "a second up -d"
expect_in "$ERR" "already running \(pid $STACK_PID" "a second up -d"

# ---- the API through the gateway -------------------------------------------------------------------------------------
say "the API through the gateway"
EMAIL="cli-test-$RANDOM$RANDOM@example.org"
PASSWORD="cli test $RANDOM$RANDOM horse"
http POST /api/v1/auth/register "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"displayName\":\"CLI Test\"}" ""
[[ $STATUS == 201 ]] || fail "register through the gateway: $STATUS $BODY"
ok
login
expect_profile
for service in command-api query-api; do
  http GET "/v3/api-docs/$service" "" ""
  [[ $STATUS == 200 ]] || fail "GET /v3/api-docs/$service through the gateway: $STATUS"
  expect_in "$BODY" '"openapi":"3' "$service's OpenAPI document through the gateway"
done
deadline=$((SECONDS + 60))
until compgen -G "$DATA/mail/*-$EMAIL.eml" >/dev/null; do
  ((SECONDS < deadline)) || fail "no welcome mail for $EMAIL in $DATA/mail after 60 s"
  sleep 0.5
done
ok

# ---- logs ------------------------------------------------------------------------------------------------------------
say "logs"
while read -r service started; do
  run logs "$service" --no-follow -n 5
  expect_rc 0 "logs $service --no-follow -n 5"
  [[ $(wc -l <<<"$OUT") -eq 5 ]] || fail "logs $service --no-follow -n 5 printed not 5 lines: $OUT"
  run logs "$service" --no-follow -n 100000
  expect_rc 0 "logs $service --no-follow"
  expect_in "$OUT" "$started" "the log of $service"
done <<'LOGS'
command-api Started CommandApiApplication
query-api Started QueryApiApplication
notification-handler Started NotificationHandlerApplication
stack Parley is up
LOGS
run logs --no-follow -n 100000
expect_rc 0 "logs --no-follow"
for file in parley command-api query-api notification-handler; do
  expect_in "$OUT" "^==> $DATA/logs/$file\.log <==" "logs --no-follow shows every log"
done
for secret in "$ACCESS" "$REFRESH" "$PASSWORD" "$EMAIL"; do
  if grep -qF -- "$secret" <<<"$OUT" || grep -rqF -- "$secret" "$DATA/logs"; then
    fail "a token, the password or the email is in the logs: ${secret:0:12}…"
  fi
  ok
done
run logs nosuchservice --no-follow
expect_rc 1 "logs of an unknown service"
expect_in "$ERR" "No service 'nosuchservice'" "logs of an unknown service"

# ---- reset refuses a running stack -----------------------------------------------------------------------------------
run reset --yes
expect_rc 1 "reset --yes while running"
expect_in "$ERR" "Parley is running \(pid $STACK_PID\)" "reset --yes while running"
[[ -d $DATA/postgres ]] || fail "reset while running deleted data"

# ---- a service killed is started again -------------------------------------------------------------------------------
say "kill -9 notification-handler: the supervisor starts it again"
service_pid() { # the pid of a service's process of this data directory
  local pid
  local -a fields
  for pid in $(data_dir_processes); do
    mapfile -d '' fields 2>/dev/null <"/proc/$pid/cmdline" || continue
    # its jar, or the copy extracted beside it with its class-data archive (target/class-data/<jar>-<stamp>/)
    if [[ " ${fields[*]} " == *" -jar "*"/$1/target/"*"$1-"* ]]; then echo "$pid"; return; fi
  done
}
VICTIM=$(service_pid notification-handler)
[[ -n $VICTIM ]] || fail "no notification-handler process for $DATA"
t=$(now_ms)
kill -KILL "$VICTIM"
deadline=$((SECONDS + 10))
while [[ -e /proc/$VICTIM ]] && ! grep -q '^State:.*Z' "/proc/$VICTIM/status" 2>/dev/null; do
  ((SECONDS < deadline)) || fail "notification-handler (pid $VICTIM) did not die"
  sleep 0.2
done
run status
expect_rc 4 "status with notification-handler killed"
expect_in "$OUT" '^  notification-handler +http://\S+ +(not answering|DOWN|OUT_OF_SERVICE|UNKNOWN)$' \
  "status with notification-handler killed"
deadline=$((SECONDS + 180))
until run status; [[ $RC -eq 0 ]]; do
  ((SECONDS < deadline)) || fail "notification-handler is not healthy 180 s after kill -9: $OUT"
  sleep 1
done
RESTART=$(seconds_since "$t")
RESTARTED=$(service_pid notification-handler)
[[ -n $RESTARTED && $RESTARTED != "$VICTIM" ]] || fail "notification-handler was not started again (pid $RESTARTED)"
# status asks the service itself; the supervisor logs "healthy again" at its own next health check, a moment later.
deadline=$((SECONDS + 30))
until run logs stack --no-follow -n 100000; grep -Eq "notification-handler is healthy again .*\(pid $RESTARTED\)" <<<"$OUT"; do
  ((SECONDS < deadline)) || break
  sleep 0.5
done
expect_in "$OUT" "notification-handler \(pid $VICTIM\) exited unexpectedly" "the stack's log says it died"
expect_in "$OUT" "notification-handler is healthy again .*\(pid $RESTARTED\)" "the stack's log says it is back"

# ---- down ------------------------------------------------------------------------------------------------------------
say "down"
t=$(now_ms)
run down
FIRST_DOWN=$(seconds_since "$t")
expect_rc 0 "down"
expect_in "$OUT" "Stopping Parley \(pid $STACK_PID\)" "down"
expect_in "$OUT" 'Stopped\.' "down"
[[ ! -e $DATA/parley.pid ]] || fail "down left $DATA/parley.pid"
deadline=$((SECONDS + 10))
until LEFT=$(data_dir_processes); [[ -z $LEFT ]]; do
  ((SECONDS < deadline)) || fail "processes of $DATA still run after down: $(echo $LEFT)"
  sleep 0.5
done
ok
expect_ports closed
run status
expect_rc 3 "status after down"
expect_in "$OUT" 'Parley is not running' "status after down"

# ---- the data is kept ------------------------------------------------------------------------------------------------
say "up -d again: the same user logs in"
t=$(now_ms)
run up -d
SECOND_UP=$(seconds_since "$t")
expect_rc 0 "up -d after down"
login
expect_profile
run down
expect_rc 0 "down after the second up"

# ---- reset -----------------------------------------------------------------------------------------------------------
say "reset"
run reset
expect_rc 1 "reset without --yes and without a terminal"
expect_in "$ERR" "Not asking without a terminal: \./parley reset --yes deletes $DATA" "reset without a terminal"
[[ -d $DATA/postgres ]] || fail "reset without --yes deleted data"
run reset --yes
expect_rc 0 "reset --yes"
expect_in "$OUT" "Deleted $DATA" "reset --yes"
[[ ! -e $DATA ]] || fail "reset --yes left $DATA"
run reset --yes
expect_rc 0 "reset --yes with nothing to delete"
expect_in "$OUT" 'Nothing to reset' "reset --yes with nothing to delete"
run status
expect_rc 3 "status after reset"

FOREIGN=$WORK/not-parley
mkdir -p "$FOREIGN" && echo keep >"$FOREIGN/notes.txt"
STACK_ENV+=(PARLEY_DATA_DIR="$FOREIGN")
run reset --yes
expect_rc 1 "reset --yes of a directory up did not make"
expect_in "$ERR" 'not deleting it' "reset --yes of a directory up did not make"
[[ -f $FOREIGN/notes.txt ]] || fail "reset deleted a file up did not make"

say "passed: $CHECKS checks in $(seconds_since "$STARTED") s (up -d ${FIRST_UP} s, restart after kill -9 ${RESTART} s, down ${FIRST_DOWN} s, second up -d ${SECOND_UP} s)"
