#!/bin/sh
# Installs Debian's chromium for the HTML report browser tests (test/browser/), once.
# Idempotent: does nothing when /usr/bin/chromium is already there.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium
# Fonts: without any, headless Chromium renders text as empty boxes in screenshots.
$SUDO apt-get install -y --no-install-recommends fonts-dejavu-core || true
test -x /usr/bin/chromium
