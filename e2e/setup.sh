#!/usr/bin/env bash
# Installs what the browser test needs: Debian's Chromium (Playwright's own browser download is not
# possible here) and playwright-core from npm. Needs root for apt-get when Chromium is missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error
