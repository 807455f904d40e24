#!/usr/bin/env bash
# The one command to see the page: installs what is missing, builds dist/, and serves it with
# nginx and the site's rules (deploy/nginx/, the same as the tests and production) on
# http://127.0.0.1:${PORT:-8080}/ until Ctrl+C. Logs: build/nginx/serve-<port>/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-site.sh
exec node scripts/nginx.mjs dist
