# Sourced by the desktop benchmarks: start_xvfb installs xvfb and libgtk-3-0 when missing (as root with
# apt-get), then starts a virtual display on a random number; it sets $display and $xvfb (its pid). The caller
# stops it (kill "$xvfb") in its own cleanup.
start_xvfb() {
  if ! command -v Xvfb >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb libgtk-3-0 >/dev/null
  fi
  display=":$((200 + RANDOM % 500))"
  Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
}
