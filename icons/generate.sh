#!/usr/bin/env bash
# Renders icons/ollamamax.svg to PNGs (16..512) and copies the sizes the window uses into app-ui's resources.
# Needs rsvg-convert (Debian: apt-get install -y librsvg2-bin); falls back to ImageMagick's convert.
set -euo pipefail
cd "$(dirname "$0")"
sizes=(16 24 32 48 64 128 256 512)
for s in "${sizes[@]}"; do
  out="ollamamax-${s}.png"
  if command -v rsvg-convert >/dev/null; then
    rsvg-convert -w "$s" -h "$s" ollamamax.svg -o "$out"
  else
    convert -background none -density 384 ollamamax.svg -resize "${s}x${s}" "$out"
  fi
done
res=../app-ui/src/main/resources/dev/ollamamax/ui/icons
mkdir -p "$res"
for s in 16 32 48 64 128 256; do
  cp "ollamamax-${s}.png" "$res/"
done
echo "icons written: ${sizes[*]}"
