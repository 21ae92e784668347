#!/usr/bin/env bash
# Installs the Debian packages the tests drive for real. As root it installs
# them; otherwise it prints the exact apt-get line and stops.
set -euo pipefail
# dpkg-dev, apt-utils, zip, xz-utils and python3 make the real .debs, repositories and
# hostile archives the compare tests read.
# diffoscope-minimal explains differences in step 4.
# in-toto (in-toto-verify) and apt-transport-in-toto judge the in-toto layouts and links we write.
# openssh-server, openssh-client and iproute2 put a second Docker engine behind sshd in a network
# namespace: the independent rebuilder reached as DOCKER_HOST=ssh://…
packages=(git gnupg chromium fonts-dejavu-core docker.io mmdebstrap dpkg-dev apt-utils zip unzip xz-utils python3 diffoscope-minimal in-toto apt-transport-in-toto openssh-server openssh-client iproute2)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need Debian packages that are not installed. Run as root:" >&2
  echo "  apt-get update && $line" >&2
  exit 2
fi
echo "Installing Debian packages for the tests: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$line >/dev/null
