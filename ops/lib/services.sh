# Shared by ops/test and ops/bench: throw-away PostgreSQL and Mosquitto servers on loopback.
# Source it, then call ensure_packages, start_postgres, start_mosquitto; stop_services on exit.

log() { printf '[%s] %s\n' "${SCRIPT_NAME:-ops}" "$*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ensure_packages [--browser]: installs what is missing when root on Debian, else says what to install.
ensure_packages() {
  local missing=()
  [[ -n "$(pg_bin)" && -x "$(pg_bin)/initdb" ]] || missing+=(postgresql)
  command -v mosquitto >/dev/null 2>&1 || [[ -x /usr/sbin/mosquitto ]] || missing+=(mosquitto)
  command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
  if [[ "${1:-}" == "--browser" ]]; then
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    # Chinese glyphs for the pages' screenshots (users' own devices have CJK fonts).
    [[ -d /usr/share/fonts/opentype/noto ]] || missing+=(fonts-noto-cjk)
  fi
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if (( ${#missing[@]} )); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      log "installing ${missing[*]} (Debian packages)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      log "missing: ${missing[*]}"
      log "install them with: sudo apt-get install ${missing[*]}"
      exit 1
    fi
  fi
}

# A throw-away directory, unless SERVICES_DIR names one to keep (ops/cluster: its services outlive the script).
if [[ -n "${SERVICES_DIR:-}" ]]; then
  services_dir=$SERVICES_DIR
  mkdir -p "$services_dir"
else
  services_dir=$(mktemp -d /tmp/sanwang-services.XXXXXX)
fi
chmod 755 "$services_dir"
pg_user=postgres

as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }

# start_postgres [extra postgres -c settings…]: sets PG_PORT, PG_PASSWORD (user sanwang). With PG_PORT and
# PG_PASSWORD already set and a database in the directory, starts that one again.
start_postgres() {
  local data="$services_dir/pg" run="$services_dir/pgrun" opts=""
  for setting in "$@"; do opts="$opts -c $setting"; done
  if [[ -f "$data/PG_VERSION" && -n "${PG_PORT:-}" && -n "${PG_PASSWORD:-}" ]]; then
    log "starting PostgreSQL again on 127.0.0.1:$PG_PORT"
    as_pg "$(pg_bin)/pg_ctl" -D "$data" -l "$run/pg.log" -w \
      -o "-h 127.0.0.1 -p $PG_PORT -k $run -c max_connections=200 $opts" start >/dev/null
    PG_DATA="$data"
    return
  fi
  PG_PORT=$(free_port)
  if [[ $(id -u) -eq 0 ]]; then
    id -u "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home "$pg_user"
    install -d -o "$pg_user" -m 700 "$data"
    install -d -o "$pg_user" -m 755 "$run"
  else
    mkdir -p "$data" "$run"
  fi
  PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  echo "$PG_PASSWORD" > "$run/pwfile"
  chmod 644 "$run/pwfile"
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$(pg_bin)/initdb" -D "$data" -U sanwang --pwfile="$run/pwfile" -A scram-sha-256 -E UTF8 --locale=C >/dev/null
  rm -f "$run/pwfile"
  as_pg "$(pg_bin)/pg_ctl" -D "$data" -l "$run/pg.log" -w \
    -o "-h 127.0.0.1 -p $PG_PORT -k $run -c max_connections=200 $opts" start >/dev/null
  PG_DATA="$data"
}

# create_database NAME
create_database() {
  PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U sanwang -d postgres -qc "CREATE DATABASE $1" >/dev/null
}

# start_mosquitto: sets MQTT_PORT (unless set). With MOSQUITTO_PERSIST=1 it keeps queued messages on disk.
start_mosquitto() {
  MQTT_PORT=${MQTT_PORT:-$(free_port)}
  log "starting Mosquitto on 127.0.0.1:$MQTT_PORT"
  cat > "$services_dir/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
allow_anonymous true
# Small messages (a press, its ack) are sent at once, not held back by Nagle's algorithm.
set_tcp_nodelay true
CONF
  if [[ "${MOSQUITTO_PERSIST:-0}" == 1 ]]; then
    # Started as root, Mosquitto runs as its own user: the queue's directory is that user's.
    if [[ $(id -u) -eq 0 ]] && id -u mosquitto >/dev/null 2>&1; then
      install -d -o mosquitto -m 700 "$services_dir/mqtt"
    else
      mkdir -p -m 700 "$services_dir/mqtt"
    fi
    printf 'persistence true\npersistence_location %s/mqtt/\n' "$services_dir" >> "$services_dir/mosquitto.conf"
  else
    echo "persistence false" >> "$services_dir/mosquitto.conf"
  fi
  "$(command -v mosquitto || echo /usr/sbin/mosquitto)" -c "$services_dir/mosquitto.conf" >"$services_dir/mosquitto.log" 2>&1 &
  MOSQUITTO_PID=$!
}

stop_services() {
  [[ -n "${MOSQUITTO_PID:-}" ]] && kill "$MOSQUITTO_PID" 2>/dev/null && wait "$MOSQUITTO_PID" 2>/dev/null
  [[ -n "${PG_DATA:-}" && -f "$PG_DATA/postmaster.pid" ]] && as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1
  [[ -z "${SERVICES_DIR:-}" ]] && rm -rf "$services_dir"
  return 0
}
