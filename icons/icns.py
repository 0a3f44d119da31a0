#!/usr/bin/env python3
"""Writes a macOS .icns from PNG files: `icns.py out.icns TYPE=file.png ...`.

The format: the magic 'icns' and the file's length (big-endian uint32), then one chunk per image, each its
four-letter type, its length including this 8-byte header, and the PNG bytes. Types used here (PNG payloads):
icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x), ic11 32 (16@2x),
ic12 64 (32@2x), ic13 256 (128@2x), ic14 512 (256@2x).
"""
import struct
import sys

SIZES = {"icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512, "ic10": 1024,
         "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data):
    if data[:8] != PNG_MAGIC or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def main(out, specs):
    chunks = []
    for spec in specs:
        kind, path = spec.split("=", 1)
        if kind not in SIZES:
            raise SystemExit(f"unknown icns type {kind}: one of {', '.join(SIZES)}")
        data = open(path, "rb").read()
        if png_size(data) != (SIZES[kind], SIZES[kind]):
            raise SystemExit(f"{path} is {png_size(data)}, {kind} needs {SIZES[kind]}x{SIZES[kind]}")
        chunks.append(kind.encode("ascii") + struct.pack(">I", len(data) + 8) + data)
    body = b"".join(chunks)
    with open(out, "wb") as f:
        f.write(b"icns" + struct.pack(">I", len(body) + 8) + body)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2:])
