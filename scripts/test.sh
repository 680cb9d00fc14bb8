#!/usr/bin/env bash
# The README's test command: installs everything the tests need on a fresh machine (Python 3.11),
# then runs the whole suite. Browser tests use Debian's chromium (Playwright drives it; no browser
# download), the text forms of tests/forms use poppler's pdftotext and the check-db tests start a
# PostgreSQL server from Debian's postgresql package, so all three are installed with apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  APT+=(chromium)
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  APT+=(poppler-utils)  # pdftotext, for the plain-text forms of tests/forms
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  APT+=(postgresql)  # initdb and the server, for the check-db tests against a real PostgreSQL
fi
if [ ${#APT[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${APT[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/python -m pytest "$@"
