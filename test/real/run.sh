#!/usr/bin/env bash
# `npm run test:real`: the suites that meet real server software on 127.0.0.1 (not our fakes).
# Each suite lives in its own folder with a run.sh that installs and starts what it needs
# (Debian packages, its own npm package folder), runs its tests, and stops its servers.
set -euo pipefail
cd "$(dirname "$0")"
status=0
for suite in */run.sh; do
  [ -f "$suite" ] || continue
  echo "=== real suite: $(dirname "$suite") ==="
  if ! bash "$suite"; then
    echo "=== real suite FAILED: $(dirname "$suite") ===" >&2
    status=1
  fi
done
exit "$status"
