# Shared by ops/run and ops/test: Node.js and npm, which build the console and the responder app
# (web-console/frontend) inside the Maven build. Source it, then call ensure_node.

NODE_MINIMUM=18.19

node_log() { printf '[%s] %s\n' "${SCRIPT_NAME:-ops}" "$*" >&2; }

# ensure_node: installs Debian's nodejs and npm when they are missing and this is root on Debian,
# otherwise says exactly what to install; then checks the version of Node.js.
ensure_node() {
  local missing=()
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if (( ${#missing[@]} )); then
    if [[ $(id -u) -eq 0 && -f /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; then
      node_log "installing ${missing[*]} (Debian packages) to build the pages"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
      command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || {
        node_log "apt-get installed ${missing[*]} but node or npm is still not on PATH ($PATH)"; exit 1; }
    else
      node_log "missing: ${missing[*]} (Node.js $NODE_MINIMUM or newer with npm builds the console and the app)"
      if command -v apt-get >/dev/null 2>&1; then
        node_log "install them with: sudo apt-get install ${missing[*]}"
      else
        node_log "install Node.js $NODE_MINIMUM or newer, with npm, from https://nodejs.org/en/download"
      fi
      exit 1
    fi
  fi

  local version
  version=$(node -p 'process.versions.node')
  if ! printf '%s\n%s\n' "$NODE_MINIMUM" "$version" | sort -C -V; then
    node_log "Node.js $version is too old: the pages need $NODE_MINIMUM or newer"
    node_log "(Debian 12's nodejs package is 18.20; on older systems install Node.js 20 LTS from https://nodejs.org/en/download"
    node_log " or https://github.com/nodesource/distributions, then run this again)"
    exit 1
  fi
  local npm_version
  npm_version=$(npm --version 2>/dev/null) || { node_log "npm does not run with Node.js $version: reinstall npm"; exit 1; }
  # npm before 10 cannot read an alias ("npm:…") in package.json's overrides and then fails with a misleading
  # "can only install with an existing package-lock.json".
  if [[ ${npm_version%%.*} -lt 10 ]] && node -e 'const p = require("./web-console/frontend/package.json");
      process.exit(JSON.stringify(p.overrides || {}).includes("\"npm:") ? 0 : 1)'; then
    if [[ $(id -u) -eq 0 ]]; then
      node_log "npm $npm_version cannot read web-console/frontend's lock file (an npm: alias in its overrides): installing npm 10"
      npm install -g --no-audit --no-fund --loglevel=error npm@10 >/dev/null
      hash -r
      node_log "npm $(npm --version) installed"
    else
      node_log "npm $npm_version cannot install web-console/frontend's lock file (an npm: alias in its overrides); it needs npm 10"
      node_log "install it with: sudo npm install -g npm@10"
      exit 1
    fi
  fi
}
