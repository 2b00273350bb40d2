# shellcheck shell=bash
# Sourced by the entry scripts (`npm run up`, `npm test`) so that a fresh
# clone only needs Node.js: this makes sure node_modules matches the lockfile.
#
# Usage:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-deps.sh"
#   ensure_deps || exit 1
#
# The function returns non-zero (instead of calling `exit`) so that sourcing
# it from an interactive shell never kills that shell.

# Repository root, derived from this file's location (scripts/lib/ -> ../..),
# so callers may run from any working directory.
HAGUKUMI_ROOT="${HAGUKUMI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

# Lowest Node.js major version we accept (package.json "engines" is stricter
# about minors; npm itself warns about those).
HAGUKUMI_MIN_NODE_MAJOR=20

_ensure_deps_fail() {
  echo "ensure-deps: $*" >&2
  return 1
}

# Check that node and npm exist and node is new enough.
_ensure_deps_check_toolchain() {
  if ! command -v node >/dev/null 2>&1; then
    _ensure_deps_fail "node not found on PATH. Install Node.js ${HAGUKUMI_MIN_NODE_MAJOR} LTS or newer (https://nodejs.org/)."
    return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    _ensure_deps_fail "npm not found on PATH. It ships with Node.js; reinstall Node.js ${HAGUKUMI_MIN_NODE_MAJOR}+ (https://nodejs.org/)."
    return 1
  fi

  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)"
  if ! [[ "$major" =~ ^[0-9]+$ ]] || (( major < HAGUKUMI_MIN_NODE_MAJOR )); then
    _ensure_deps_fail "Node.js $(node -v 2>/dev/null || echo '?') is too old; need ${HAGUKUMI_MIN_NODE_MAJOR} or newer (https://nodejs.org/)."
    return 1
  fi
}

# True when node_modules is missing or older than package-lock.json.
# npm writes node_modules/.package-lock.json on every install, so its mtime
# records when node_modules last matched the lockfile.
_ensure_deps_needs_install() {
  local root="$1"
  # A linked node_modules (a git worktree sharing another checkout's install) belongs to
  # that checkout: installing here would replace the link with a copy.
  [[ -L "$root/node_modules" ]] && return 1
  [[ ! -d "$root/node_modules" ]] && return 0
  [[ ! -f "$root/node_modules/.package-lock.json" ]] && return 0
  [[ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]] && return 0
  return 1
}

# Install dependencies with `npm ci` when needed.
# npm 11 does not run install scripts by default; that is fine here because
# argon2 loads its prebuilt binary.
ensure_deps() {
  local root="${1:-$HAGUKUMI_ROOT}"

  _ensure_deps_check_toolchain || return 1

  if [[ ! -f "$root/package-lock.json" ]]; then
    _ensure_deps_fail "no package-lock.json in $root; cannot run npm ci."
    return 1
  fi

  if _ensure_deps_needs_install "$root"; then
    echo "ensure-deps: node_modules missing or older than package-lock.json; running npm ci"
    # Subshell so the caller's working directory is left alone.
    if ! (cd "$root" && npm ci); then
      _ensure_deps_fail "npm ci failed (see output above)."
      return 1
    fi
  fi
}
