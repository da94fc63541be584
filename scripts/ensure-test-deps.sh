#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, from Debian's archive:
#   chromium            the headless browser the site tests drive (playwright-core cannot download one here)
#   jupyter-client, jupyter-nbconvert
#                       Jupyter's own client, to check that the kernelspec works outside our runner
# Idempotent: does nothing when they are present. Needs root or passwordless sudo to install.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v jupyter-kernelspec >/dev/null 2>&1 || need+=(jupyter-client)
command -v jupyter-nbconvert >/dev/null 2>&1 || need+=(jupyter-nbconvert)
[ ${#need[@]} -eq 0 ] && exit 0

echo "ensure-test-deps: installing ${need[*]} (Debian packages)"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "ensure-test-deps: missing ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
