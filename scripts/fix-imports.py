#!/usr/bin/env python3
"""Puts a Java file's imports in the order config/checkstyle.xml expects and drops unused ones.

Order: static imports sorted, a blank line, the other imports sorted. An import is unused when its simple
name (or static member) appears nowhere else in the file. Usage: scripts/fix-imports.py FILE.java...
(with no argument: every .java file git tracks or would add)."""
import re
import subprocess
import sys


def fix(path):
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    idx = [i for i, l in enumerate(lines) if re.match(r"import (static )?[\w.]+(\.\*)?;\s*$", l)]
    if not idx:
        return False
    first, last = idx[0], idx[-1]
    if any(l.strip() and not l.startswith("import ") for l in lines[first:last + 1]):
        return False  # comments or code between imports: leave the file to a person
    imports = sorted({l.strip() for l in lines[first:last + 1] if l.strip()})
    body = "\n".join(lines[:first] + lines[last + 1:])
    body = re.sub(r'"""[\s\S]*?"""', '""', body)  # text blocks and string literals name nothing
    body = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', body)
    def used(imp):
        name = imp.rstrip(";").split(".")[-1]
        return name == "*" or re.search(r"(?<![\w.])" + re.escape(name) + r"\b", body) is not None
    kept = [i for i in imports if used(i)]
    key = lambda i: i.rstrip(";").split(" ")[-1]  # a.B before a.B.C, as Checkstyle compares names
    static = sorted((i for i in kept if i.startswith("import static ")), key=key)
    plain = sorted((i for i in kept if not i.startswith("import static ")), key=key)
    block = static + ([""] if static and plain else []) + plain
    new = "\n".join(lines[:first] + block + lines[last + 1:])
    if new != text:
        open(path, "w", encoding="utf-8").write(new)
        return True
    return False


files = sys.argv[1:] or subprocess.check_output(
    "git ls-files -co --exclude-standard -- '*.java'", shell=True, text=True).split()
for f in files:
    if fix(f):
        print("fixed", f)
