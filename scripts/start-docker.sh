#!/usr/bin/env bash
# Starts a Docker daemon for the tests when none answers (CI machines have
# none running). A DOCKER_HOST the user set is respected and never replaced.
set -euo pipefail
if docker info >/dev/null 2>&1; then exit 0; fi
if [ -n "${DOCKER_HOST:-}" ]; then
  echo "The Docker engine at DOCKER_HOST=$DOCKER_HOST does not answer; start it, or unset DOCKER_HOST." >&2
  exit 3
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "No Docker daemon is running. Start it (as root: dockerd &, or systemctl start docker) and run the tests again." >&2
  exit 3
fi
echo "Starting dockerd for the tests"
# Its own session: killing the test run (or its process group) must not take the daemon down.
setsid nohup dockerd >/tmp/countersign-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then exit 0; fi
  sleep 1
done
echo "dockerd did not come up; its log is /tmp/countersign-dockerd.log:" >&2
tail -20 /tmp/countersign-dockerd.log >&2
exit 3
