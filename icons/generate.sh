#!/usr/bin/env bash
# Renders icons/ollamamax.svg to PNGs (16..512) and copies the sizes the window uses into app-ui's resources;
# then the installers' forms: ollamamax.ico (Windows: 16, 32, 48, 256 in one file) and ollamamax.icns (macOS).
# Needs rsvg-convert (Debian: apt-get install -y librsvg2-bin), else ImageMagick's convert; convert for the .ico;
# python3 for the .icns (icns.py).
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

# Windows: one .ico with the four sizes Explorer and the taskbar use
convert ollamamax-16.png ollamamax-32.png ollamamax-48.png ollamamax-256.png ollamamax.ico

# macOS: .icns from PNG chunks, 16 to 1024 (the 1024 rendering is only needed here)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if command -v rsvg-convert >/dev/null; then
  rsvg-convert -w 1024 -h 1024 ollamamax.svg -o "$tmp/ollamamax-1024.png"
else
  convert -background none -density 768 ollamamax.svg -resize 1024x1024 "$tmp/ollamamax-1024.png"
fi
python3 icns.py ollamamax.icns \
  icp4=ollamamax-16.png icp5=ollamamax-32.png icp6=ollamamax-64.png ic07=ollamamax-128.png \
  ic08=ollamamax-256.png ic09=ollamamax-512.png ic10="$tmp/ollamamax-1024.png" \
  ic11=ollamamax-32.png ic12=ollamamax-64.png ic13=ollamamax-256.png ic14=ollamamax-512.png
echo "icons written: ${sizes[*]}, ollamamax.ico, ollamamax.icns"
