#!/usr/bin/env bash
# `pacta check` on synthetic data: the rate of passes 1 and 2 (syntax and vocabulary lint),
# pass 3 (shapes) on its own, and peak memory on 1M and 10M triples, to show that passes 1
# and 2 stream in flat memory.
#
# Usage: benches/check.sh [DIR]     (DIR holds the generated files; default /tmp/pacta-bench)
# Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time).
# Figures go in docs/benchmarks.md with the date and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install hyperfine" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed: apt-get install time" >&2; exit 1; }
dir="${1:-/tmp/pacta-bench}"
mkdir -p "$dir"
cargo build --release --quiet
pacta="${CARGO_TARGET_DIR:-target}/release/pacta"

# 1,021,600 triples (the networks benchmark's file), and eleven times as many events: 10,081,600.
[ -s "$dir/1m.nt" ] || python3 benches/synth.py > "$dir/1m.nt"
[ -s "$dir/10m.nt" ] || python3 benches/synth.py --events 660000 > "$dir/10m.nt"
# The same 1M triples as Turtle with prefixes, to compare the two syntaxes.
[ -s "$dir/1m.ttl" ] || python3 - "$dir/1m.nt" "$dir/1m.ttl" <<'EOF'
import sys
prefixes = {
    "p": "https://w3id.org/pacta/ontology#",
    "s": "https://w3id.org/pacta/id/synth/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dct": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
def compact(term):
    if term.startswith("<") and term.endswith(">"):
        iri = term[1:-1]
        for name, ns in prefixes.items():
            local = iri[len(ns):]
            if iri.startswith(ns) and local.replace("_", "").replace("-", "").isalnum():
                return f"{name}:{local}"
    return term
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as out:
    for name, ns in prefixes.items():
        out.write(f"@prefix {name}: <{ns}> .\n")
    for line in src:
        s, p, rest = line.rstrip(" .\n").split(" ", 2)
        if "^^<" in rest:
            value, datatype = rest.rsplit("^^", 1)
            rest = f"{value}^^{compact(datatype)}"
        else:
            rest = compact(rest)
        out.write(f"{compact(s)} {compact(p)} {rest} .\n")
EOF

for file in 1m.nt 1m.ttl 10m.nt; do
    echo "== $file: $(wc -l < "$dir/$file") lines, $(du -h "$dir/$file" | cut -f1)"
done

# Pass 1 always runs: `--passes syntax` is pass 1 alone, `syntax,vocabulary` passes 1 and 2
# side by side (what loading runs), and `syntax,shapes` adds pass 3 after pass 1.
echo "== passes 1 and 2, and pass 1 alone"
hyperfine --shell=none --warmup 1 --runs 5 \
    "$pacta check --passes syntax,vocabulary $dir/1m.nt" \
    "$pacta check --passes syntax $dir/1m.nt" \
    "$pacta check --passes syntax,vocabulary $dir/1m.ttl"
hyperfine --shell=none --runs 2 "$pacta check --passes syntax,vocabulary $dir/10m.nt"
# On one core (pacta cuts a file into one piece per core it may use).
if command -v taskset >/dev/null; then
    hyperfine --shell=none --warmup 1 --runs 5 \
        "taskset -c 0 $pacta check --passes syntax,vocabulary $dir/1m.nt"
fi

echo "== pass 1 then pass 3 (shapes; loads the file and the built-in graph into a store)"
hyperfine --shell=none --runs 3 "$pacta check --passes syntax,shapes $dir/1m.nt"

echo "== peak memory (maximum resident set size)"
for run in "syntax,vocabulary 1m.nt" "syntax,vocabulary 10m.nt" "syntax,shapes 1m.nt" "syntax,vocabulary,shapes 1m.nt"; do
    set -- $run
    kb=$(/usr/bin/time -f %M "$pacta" check --passes "$1" "$dir/$2" 2>&1 >/dev/null | tail -1)
    echo "--passes $1 $2: $((kb / 1024)) MiB"
done
