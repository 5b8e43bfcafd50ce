#!/usr/bin/env bash
# Runs a command with a display: the current one, or a virtual one (Xvfb) when there is none,
# for the viewer tests. -noreset: by default Xvfb resets when its last client leaves, and a viewer
# test starting in that moment cannot open the display (seen once in a clean-clone run).
set -euo pipefail
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" "$@"
fi
exec "$@"
