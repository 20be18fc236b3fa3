#!/usr/bin/env bash
# Runs a local Redis Cluster (3 primaries, each with N replicas) on 127.0.0.1 for development and tests.
#
#   scripts/cluster.sh start|stop|status [options]
#   scripts/cluster.sh kill-node PORT [options]      SIGKILL one node (fault tests)
#   scripts/cluster.sh restart-node PORT [options]   start one node again; it keeps nodes.conf and rejoins
#
# Options:
#   --base-port N      first port; nodes use N .. N+3*(replicas+1)-1, cluster bus ports +10000 (default 7000)
#   --dir DIR          where the nodes live, one folder per port (default <repo>/.cluster/<base-port>)
#   --replicas N       replicas per primary (default 1, so six nodes)
#   --node-timeout MS  cluster-node-timeout (default 5000)
#   --wait SECONDS     how long start waits for a healthy cluster (default 60)
#   --tls-dir DIR      a TLS-only cluster: DIR holds ca.crt, server.crt and server.key; every node serves TLS on its
#                      port (plain port 0), the cluster bus and replication use TLS too, and the script talks
#                      to the nodes with redis-cli --tls. stop/status/kill-node/restart-node remember it.
#
# Only processes whose pid is in DIR/<port>/redis.pid (and that really are that node's redis-server)
# are ever signalled. Exit codes: 0 success/healthy, 1 failure/unhealthy, 2 usage error.
set -euo pipefail

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly PRIMARIES=3

say() { printf 'cluster: %s\n' "$*"; }
warn() { printf 'cluster: %s\n' "$*" >&2; }
die() { printf 'cluster: error: %s\n' "$*" >&2; exit 1; }
usage_error() { printf 'cluster: %s\n' "$*" >&2; sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# ---------------------------------------------------------------- arguments

COMMAND="${1:-}"
[[ -n "$COMMAND" ]] || usage_error "missing command"
shift
NODE_PORT=""
BASE_PORT=""
DIR=""
REPLICAS=1
NODE_TIMEOUT=5000
WAIT_SECONDS=60
TLS_DIR=""
TLS_DIR_GIVEN=0

case "$COMMAND" in
  -h|--help|help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  start|stop|status) ;;
  kill-node|restart-node)
    [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]] || usage_error "$COMMAND needs a PORT"
    NODE_PORT="$1"; shift ;;
  *) usage_error "unknown command '$COMMAND'" ;;
esac

is_number() { [[ "$1" =~ ^[0-9]+$ ]]; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --base-port) [[ $# -ge 2 ]] && is_number "$2" || usage_error "--base-port needs a number"; BASE_PORT="$2"; shift 2 ;;
    --dir) [[ $# -ge 2 && -n "$2" ]] || usage_error "--dir needs a path"; DIR="$2"; shift 2 ;;
    --replicas) [[ $# -ge 2 ]] && is_number "$2" || usage_error "--replicas needs a number"; REPLICAS="$2"; shift 2 ;;
    --node-timeout) [[ $# -ge 2 ]] && is_number "$2" || usage_error "--node-timeout needs a number"; NODE_TIMEOUT="$2"; shift 2 ;;
    --wait) [[ $# -ge 2 ]] && is_number "$2" || usage_error "--wait needs a number"; WAIT_SECONDS="$2"; shift 2 ;;
    --tls-dir) [[ $# -ge 2 && -n "$2" ]] || usage_error "--tls-dir needs a path"; TLS_DIR="$(realpath -m -- "$2")"; TLS_DIR_GIVEN=1; shift 2 ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done

BASE_PORT_GIVEN=1
if [[ -z "$BASE_PORT" ]]; then BASE_PORT_GIVEN=0; BASE_PORT=7000; fi
[[ -n "$DIR" ]] || DIR="$REPO_ROOT/.cluster/$BASE_PORT"
# Canonical (symlinks, ".", ".." resolved): it is compared with each node's /proc/<pid>/cwd.
DIR="$(realpath -m -- "$DIR")"
[[ -n "$DIR" && "$DIR" != "/" ]] || usage_error "refusing to use / as the cluster folder"
readonly STATE_FILE="$DIR/cluster.env"

# A folder that already holds a cluster remembers its layout; use it unless told otherwise.
if [[ -f "$STATE_FILE" ]]; then
  saved_base="$(sed -n 's/^BASE_PORT=\([0-9]*\)$/\1/p' "$STATE_FILE")"
  saved_replicas="$(sed -n 's/^REPLICAS=\([0-9]*\)$/\1/p' "$STATE_FILE")"
  if [[ -n "$saved_base" && "$BASE_PORT_GIVEN" == 0 ]]; then
    BASE_PORT="$saved_base"
    [[ -n "$saved_replicas" ]] && REPLICAS="$saved_replicas"
  elif [[ -n "$saved_base" && "$saved_base" != "$BASE_PORT" && "$COMMAND" != start && "$COMMAND" != stop ]]; then
    die "$DIR holds a cluster on base port $saved_base, not $BASE_PORT"
  fi
  # A TLS cluster is talked to over TLS by every command but start (which is told what to create).
  if [[ "$TLS_DIR_GIVEN" == 0 && "$COMMAND" != start ]]; then
    TLS_DIR="$(sed -n 's/^TLS_DIR=//p' "$STATE_FILE")"
  fi
fi

readonly NODE_COUNT=$(( PRIMARIES * (REPLICAS + 1) ))
(( BASE_PORT >= 1 && BASE_PORT + NODE_COUNT - 1 + 10000 <= 65535 )) || usage_error "base port $BASE_PORT leaves no room for $NODE_COUNT nodes and their bus ports"
PORTS=()
for (( i = 0; i < NODE_COUNT; i++ )); do PORTS+=( $(( BASE_PORT + i )) ); done
readonly LAST_PORT="${PORTS[-1]}"

# ---------------------------------------------------------------- helpers

as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi; }

ensure_redis() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then return 0; fi
  say "redis-server/redis-cli not found; installing the redis-server package"
  command -v apt-get >/dev/null 2>&1 || die "redis-server is missing and apt-get is not available; install Redis 7 yourself"
  local before
  before="$(redis_pids)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server
  stop_packaged_service "$before"
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || die "installing redis-server did not provide redis-server and redis-cli"
}

# All redis-server pids (read from /proc so that procps is not needed).
redis_pids() {
  local d comm
  for d in /proc/[0-9]*; do
    comm="$(cat "$d/comm" 2>/dev/null || true)"
    [[ "$comm" == redis-server* ]] && printf '%s\n' "${d#/proc/}"
  done
  return 0
}

# The Debian package starts its own service on port 6379 when the init system lets it.
# Stop that instance only if it appeared during our install.
stop_packaged_service() {
  local before="$1" pid
  for pid in $(redis_pids); do
    grep -qx "$pid" <<<"$before" && continue
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q ':6379'; then
      say "stopping the redis-server service (pid $pid) that the package install started"
      if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
        as_root systemctl stop redis-server || true
      elif command -v service >/dev/null 2>&1; then
        as_root service redis-server stop >/dev/null 2>&1 || true
      fi
      if [[ -d "/proc/$pid" ]]; then as_root kill -TERM "$pid" 2>/dev/null || true; fi
    fi
  done
}

# redis-cli's connection options: none for a plain cluster; for a TLS cluster, TLS trusting the cluster's CA.
tls_cli_args() {
  [[ -n "$TLS_DIR" ]] || return 0
  printf '%s\n' --tls --cacert "$TLS_DIR/ca.crt"
}

require_tls_files() {
  [[ -n "$TLS_DIR" ]] || return 0
  local f
  for f in ca.crt server.crt server.key; do
    [[ -s "$TLS_DIR/$f" ]] || die "--tls-dir $TLS_DIR has no $f"
  done
}

cli() { # cli PORT ARGS... — one command, bounded in time, error replies give a non-zero exit
  local port="$1"; shift
  local tls=()
  [[ -z "$TLS_DIR" ]] || mapfile -t tls < <(tls_cli_args)
  timeout 5 redis-cli "${tls[@]}" -e -h 127.0.0.1 -p "$port" "$@" 2>/dev/null | tr -d '\r'
  return "${PIPESTATUS[0]}"
}

pidfile_of() { printf '%s/%s/redis.pid' "$DIR" "$1"; }

read_pid() { # prints the pid recorded for PORT, or fails
  local f; f="$(pidfile_of "$1")"
  [[ -s "$f" ]] || return 1
  local pid; pid="$(tr -dc '0-9' <"$f")"
  [[ -n "$pid" ]] || return 1
  printf '%s' "$pid"
}

# True when PID is alive and is the redis-server of the node in NODE_DIR (guards against pid reuse).
pid_is_node() {
  local pid="$1" node_dir="$2"
  [[ -d "/proc/$pid" ]] || return 1
  local state; state="$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || echo X)"
  [[ "$state" != Z && "$state" != X ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server* ]] || return 1
  local cwd; cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
  [[ -z "$cwd" || "$cwd" == "$node_dir" ]]
}

node_alive() { local pid; pid="$(read_pid "$1")" && pid_is_node "$pid" "$DIR/$1"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

lock_dir() {
  mkdir -p "$DIR"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$DIR/.lock"
  flock -w 300 9 || die "timed out waiting for another cluster.sh working on $DIR"
}

# ---------------------------------------------------------------- health

HEALTH_REASON=""
unhealthy() { HEALTH_REASON="$*"; return 1; }

# Reads CLUSTER NODES and prints one normalized, sorted line per node: id addr flags primary-id link slots.
normalized_nodes() {
  cli "$1" cluster nodes | awk 'NF >= 8 {
      flags = $3; sub(/(^|,)myself/, "", flags); sub(/^,/, "", flags)
      addr = $2; sub(/@.*/, "", addr); sub(/,.*/, "", addr)
      slots = ""
      for (i = 9; i <= NF; i++) if ($i !~ /^\[/) slots = slots " " $i
      print $1, addr, flags, $4, $8 slots
    }' | sort
}

check_health() {
  HEALTH_REASON=""
  local port pid info reference="" reference_port="" view
  for port in "${PORTS[@]}"; do
    pid="$(read_pid "$port")" || unhealthy "node $port has no pidfile" || return 1
    pid_is_node "$pid" "$DIR/$port" || unhealthy "node $port (pid $pid) is not running" || return 1
    info="$(cli "$port" cluster info)" || unhealthy "node $port does not answer CLUSTER INFO" || return 1
    grep -qx 'cluster_state:ok' <<<"$info" || unhealthy "node $port reports $(grep '^cluster_state:' <<<"$info" || echo 'no cluster_state')" || return 1
    grep -qx 'cluster_slots_ok:16384' <<<"$info" || unhealthy "node $port: $(grep '^cluster_slots_ok:' <<<"$info" || echo 'no slot info'), want 16384" || return 1
    grep -qx "cluster_known_nodes:$NODE_COUNT" <<<"$info" || unhealthy "node $port: $(grep '^cluster_known_nodes:' <<<"$info"), want $NODE_COUNT" || return 1
    view="$(normalized_nodes "$port")" || unhealthy "node $port does not answer CLUSTER NODES" || return 1
    if [[ -z "$reference" ]]; then
      reference="$view"; reference_port="$port"
    elif [[ "$view" != "$reference" ]]; then
      unhealthy "nodes $reference_port and $port disagree on the cluster layout" || return 1
    fi
  done

  # The agreed layout: every node known by its loopback address, nothing failing, all links up,
  # $PRIMARIES primaries that own slots, and each replica attached to one of them.
  local bad
  bad="$(awk -v lo="$BASE_PORT" -v hi="$LAST_PORT" '{
      split($2, hp, ":")
      if (hp[1] != "127.0.0.1" || hp[2] < lo || hp[2] > hi) { print "unexpected node address " $2; exit }
      if ($3 ~ /fail|handshake|noaddr/) { print "node " $2 " is flagged " $3; exit }
      if ($5 != "connected") { print "node " $2 " link is " $5; exit }
    }' <<<"$reference")"
  [[ -z "$bad" ]] || unhealthy "$bad" || return 1
  local primaries
  primaries="$(awk '$3 ~ /master/ && NF > 5 { n++ } END { print n + 0 }' <<<"$reference")"
  [[ "$primaries" == "$PRIMARIES" ]] || unhealthy "$primaries primaries own slots, want $PRIMARIES" || return 1

  local id addr flags primary_id rest primary_port repl
  while read -r id addr flags primary_id rest; do
    [[ "$flags" == *slave* ]] || continue
    primary_port="$(awk -v want="$primary_id" '$1 == want && $3 ~ /master/ { split($2, hp, ":"); print hp[2] }' <<<"$reference")"
    [[ -n "$primary_port" ]] || unhealthy "replica $addr follows unknown primary $primary_id" || return 1
    repl="$(cli "${addr#*:}" info replication)" || unhealthy "replica $addr does not answer INFO" || return 1
    grep -qx "master_port:$primary_port" <<<"$repl" || unhealthy "replica $addr does not replicate from $primary_port" || return 1
    grep -qx 'master_link_status:up' <<<"$repl" || unhealthy "replica $addr: link to primary $primary_port is not up yet" || return 1
  done <<<"$reference"
  return 0
}

any_pidfile() { compgen -G "$DIR/*/redis.pid" >/dev/null; }

# ---------------------------------------------------------------- stop

# Stops exactly the processes recorded in DIR/*/redis.pid, then wipes the nodes' folders.
stop_all() {
  local f pid node_dir port pids=() pid_dirs=()
  if [[ -d "$DIR" ]]; then
    for f in "$DIR"/*/redis.pid; do
      [[ -e "$f" ]] || continue
      node_dir="$(dirname "$f")"
      pid="$(tr -dc '0-9' <"$f")"
      [[ -n "$pid" ]] || continue
      if pid_is_node "$pid" "$node_dir"; then
        kill -TERM "$pid" 2>/dev/null || true
        kill -CONT "$pid" 2>/dev/null || true   # a node paused by a fault test must run to handle SIGTERM
        pids+=( "$pid" ); pid_dirs+=( "$node_dir" )
      fi
    done
  fi
  if (( ${#pids[@]} > 0 )); then
    say "stopping ${#pids[@]} node(s) in $DIR (pids ${pids[*]})"
    local deadline=$(( SECONDS + 10 )) left
    while :; do
      left=0
      for i in "${!pids[@]}"; do pid_is_node "${pids[$i]}" "${pid_dirs[$i]}" && left=$(( left + 1 )); done
      (( left == 0 || SECONDS >= deadline )) && break
      sleep 0.2
    done
    for i in "${!pids[@]}"; do
      if pid_is_node "${pids[$i]}" "${pid_dirs[$i]}"; then
        warn "pid ${pids[$i]} ignored SIGTERM; sending SIGKILL"
        kill -KILL "${pids[$i]}" 2>/dev/null || true
      fi
    done
    deadline=$(( SECONDS + 5 ))
    for i in "${!pids[@]}"; do
      while pid_is_node "${pids[$i]}" "${pid_dirs[$i]}" && (( SECONDS < deadline )); do sleep 0.1; done
      pid_is_node "${pids[$i]}" "${pid_dirs[$i]}" && die "pid ${pids[$i]} is still running after SIGKILL"
    done
  fi
  wipe_dir
  (( ${#pids[@]} > 0 ))
}

# Removes only what start creates: numbered node folders holding a redis.conf, and cluster.env.
wipe_dir() {
  [[ -d "$DIR" ]] || return 0
  local d
  for d in "$DIR"/*/; do
    d="${d%/}"
    [[ "$(basename "$d")" =~ ^[0-9]+$ && -f "$d/redis.conf" ]] && rm -rf -- "$d"
  done
  rm -f -- "$STATE_FILE" "$DIR/create.log"
  return 0
}

# ---------------------------------------------------------------- start

write_config() {
  local port="$1" node_dir="$DIR/$1"
  mkdir -p "$node_dir"
  {
    if [[ -n "$TLS_DIR" ]]; then
      printf 'port 0\n'
      printf 'tls-port %s\n' "$port"
      printf 'tls-cert-file "%s/server.crt"\n' "$TLS_DIR"
      printf 'tls-key-file "%s/server.key"\n' "$TLS_DIR"
      printf 'tls-ca-cert-file "%s/ca.crt"\n' "$TLS_DIR"
      printf 'tls-cluster yes\n'
      printf 'tls-replication yes\n'
      printf 'tls-auth-clients optional\n'
    else
      printf 'port %s\n' "$port"
    fi
    printf 'bind 127.0.0.1\n'
    printf 'protected-mode no\n'
    printf 'daemonize yes\n'
    printf 'pidfile "%s/redis.pid"\n' "$node_dir"
    printf 'logfile "%s/redis.log"\n' "$node_dir"
    printf 'dir "%s"\n' "$node_dir"
    printf 'cluster-enabled yes\n'
    printf 'cluster-config-file nodes.conf\n'
    printf 'cluster-node-timeout %s\n' "$NODE_TIMEOUT"
    printf 'appendonly no\n'
    printf 'save ""\n'
    printf 'repl-diskless-sync-delay 0\n'   # replicas sync at once instead of after 5 s
    if redis_major_at_least 7; then
      printf 'enable-debug-command yes\n'
      printf 'shutdown-on-sigterm nosave now\n'   # stop at once: the data is wiped anyway
    fi
  } >"$node_dir/redis.conf"
}

redis_major_at_least() {
  local v; v="$(redis-server --version | sed -n 's/.* v=\([0-9]*\)\..*/\1/p')"
  [[ -n "$v" ]] && (( v >= $1 ))
}

launch_node() { # starts the node from its folder and waits until it answers PING
  local port="$1" node_dir="$DIR/$1"
  rm -f -- "$node_dir/redis.pid"
  # 9>&- : the daemon must not inherit the lock descriptor, or the lock would outlive this script.
  redis-server "$node_dir/redis.conf" >/dev/null 9>&- || die "redis-server failed to start on port $port; see $node_dir/redis.log"
  local deadline=$(( SECONDS + 15 ))
  until [[ "$(cli "$port" ping || true)" == PONG ]]; do
    (( SECONDS < deadline )) || die "node $port did not answer PING within 15 s; see $node_dir/redis.log"
    sleep 0.1
  done
  until read_pid "$port" >/dev/null; do
    (( SECONDS < deadline )) || die "node $port wrote no pidfile; see $node_dir/redis.log"
    sleep 0.1
  done
}

wait_healthy() {
  local deadline=$(( SECONDS + WAIT_SECONDS ))
  until check_health; do
    if (( SECONDS >= deadline )); then
      die "cluster in $DIR not healthy after ${WAIT_SECONDS} s: $HEALTH_REASON (logs: $DIR/<port>/redis.log)"
    fi
    sleep 0.3
  done
}

cmd_start() {
  ensure_redis
  require_tls_files
  lock_dir
  if any_pidfile || [[ -f "$STATE_FILE" ]]; then
    if [[ "$(sed -n 's/^BASE_PORT=//p' "$STATE_FILE" 2>/dev/null)" == "$BASE_PORT" ]] \
      && [[ "$(sed -n 's/^TLS_DIR=//p' "$STATE_FILE" 2>/dev/null)" == "$TLS_DIR" ]] && check_health; then
      say "cluster on 127.0.0.1:$BASE_PORT-$LAST_PORT in $DIR is already up and healthy; nothing to do"
      return 0
    fi
    say "existing cluster in $DIR is not healthy (${HEALTH_REASON:-layout changed}); recreating it"
    stop_all || true
  else
    wipe_dir
  fi

  local port busy=()
  for port in "${PORTS[@]}"; do
    port_in_use "$port" && busy+=( "$port" )
    port_in_use $(( port + 10000 )) && busy+=( "$(( port + 10000 ))" )
  done
  (( ${#busy[@]} == 0 )) || die "port(s) ${busy[*]} on 127.0.0.1 are already in use by processes this script did not start; choose another --base-port"

  say "starting $NODE_COUNT redis-server nodes on 127.0.0.1:$BASE_PORT-$LAST_PORT in $DIR ($(redis-server --version | awk '{ print $3 }'))${TLS_DIR:+ with TLS ($TLS_DIR)}"
  printf 'BASE_PORT=%s\nREPLICAS=%s\nNODE_TIMEOUT=%s\n' "$BASE_PORT" "$REPLICAS" "$NODE_TIMEOUT" >"$STATE_FILE"
  [[ -z "$TLS_DIR" ]] || printf 'TLS_DIR=%s\n' "$TLS_DIR" >>"$STATE_FILE"
  for port in "${PORTS[@]}"; do
    write_config "$port"
    launch_node "$port"
  done

  local endpoints=()
  for port in "${PORTS[@]}"; do endpoints+=( "127.0.0.1:$port" ); done
  say "creating the cluster: $PRIMARIES primaries, $REPLICAS replica(s) each"
  local tls=()
  [[ -z "$TLS_DIR" ]] || mapfile -t tls < <(tls_cli_args)
  if ! redis-cli "${tls[@]}" --cluster create "${endpoints[@]}" --cluster-replicas "$REPLICAS" --cluster-yes >"$DIR/create.log" 2>&1 9>&-; then
    cat "$DIR/create.log" >&2
    die "redis-cli --cluster create failed (nodes are left running for inspection; run 'stop' to clean up)"
  fi
  say "waiting up to ${WAIT_SECONDS} s for cluster_state:ok and an agreed slot map on every node"
  wait_healthy
  say "cluster is up: 127.0.0.1:$BASE_PORT-$LAST_PORT (startup nodes $(IFS=,; echo "${endpoints[*]}"))"
}

cmd_stop() {
  if [[ ! -d "$DIR" ]]; then say "nothing to stop in $DIR"; return 0; fi
  lock_dir
  if stop_all; then say "stopped; node data in $DIR wiped"; else say "no running nodes in $DIR; node data wiped"; fi
}

cmd_status() {
  command -v redis-cli >/dev/null 2>&1 || die "redis-cli is not installed"
  if [[ ! -f "$STATE_FILE" ]] && ! any_pidfile; then say "no cluster in $DIR"; return 1; fi
  local port pid alive role state
  for port in "${PORTS[@]}"; do
    pid="$(read_pid "$port" || echo -)"
    role=-; state=-
    if [[ "$pid" != - ]] && pid_is_node "$pid" "$DIR/$port"; then
      alive=alive
      role="$(cli "$port" role | head -n 1 || true)"; role="${role:-?}"
      state="$(cli "$port" cluster info | sed -n 's/^cluster_state://p' || true)"; state="${state:-?}"
    else
      alive=dead
    fi
    printf 'port %s  pid %-7s  %-5s  role %-6s  cluster_state %s\n' "$port" "$pid" "$alive" "$role" "$state"
  done
  if check_health; then
    say "healthy: 127.0.0.1:$BASE_PORT-$LAST_PORT ($DIR)"
  else
    say "not healthy: $HEALTH_REASON"
    return 1
  fi
}

require_node_port() {
  local p
  for p in "${PORTS[@]}"; do [[ "$p" == "$NODE_PORT" ]] && return 0; done
  die "port $NODE_PORT is not a node of the cluster in $DIR ($BASE_PORT-$LAST_PORT)"
}

cmd_kill_node() {
  require_node_port
  local pid
  pid="$(read_pid "$NODE_PORT")" || die "node $NODE_PORT has no pidfile in $DIR"
  if ! pid_is_node "$pid" "$DIR/$NODE_PORT"; then say "node $NODE_PORT (pid $pid) is not running"; return 0; fi
  kill -KILL "$pid"
  local deadline=$(( SECONDS + 5 ))
  while pid_is_node "$pid" "$DIR/$NODE_PORT" && (( SECONDS < deadline )); do sleep 0.05; done
  say "killed node $NODE_PORT (pid $pid, SIGKILL)"
}

cmd_restart_node() {
  require_node_port
  ensure_redis
  [[ -f "$DIR/$NODE_PORT/redis.conf" ]] || die "no node folder $DIR/$NODE_PORT; start the cluster first"
  require_tls_files
  lock_dir
  if node_alive "$NODE_PORT"; then say "node $NODE_PORT is already running (pid $(read_pid "$NODE_PORT"))"; return 0; fi
  port_in_use "$NODE_PORT" && die "port $NODE_PORT is in use by a process this script did not start"
  launch_node "$NODE_PORT"
  say "restarted node $NODE_PORT (pid $(read_pid "$NODE_PORT")); it rejoins from its nodes.conf"
}

case "$COMMAND" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill-node) cmd_kill_node ;;
  restart-node) cmd_restart_node ;;
esac
