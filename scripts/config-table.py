#!/usr/bin/env python3
"""Prints the README's configuration table from the Setting enum (the one list of settings)."""
import re
import pathlib

src = pathlib.Path(__file__).resolve().parent.parent / "app-shared/src/main/java/dev/ollamamax/shared/config/Setting.java"
text = src.read_text()
rows = re.findall(r'\n    ([A-Z_]+)\("([A-Z_]+)", "([a-z-]+)", "([^"]*)",\s*"([^"]*)", (true|false)(?:, ((?:"[A-Z_]+",? ?)+))?\)', text)
print("| Variable | Default | Meaning |")
print("|---|---|---|")
for name, env, key, default, desc, secret, aliases in rows:
    also = " (also `" + "`, `".join(re.findall(r'"([A-Z_]+)"', aliases)) + "`)" if aliases else ""
    shown = "`" + default + "`" if default else "—"
    print(f"| `{env}`{also} | {shown} | {desc}{' (secret: never logged)' if secret == 'true' else ''} |")
