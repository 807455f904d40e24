#!/usr/bin/env bash
# The one command to see the page: installs what is missing, builds dist/, and serves it on
# http://127.0.0.1:${PORT:-8080}/ until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-site.sh
exec node scripts/static-server.mjs dist
