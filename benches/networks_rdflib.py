#!/usr/bin/env python3
"""The same network derivation as `cargo bench --bench networks`, done with rdflib + networkx.

    python3 benches/networks_rdflib.py FILE.nt [DATE]

Runs pacta's own edge queries (src/network/*.rq, with ?day written in as pacta does) through
rdflib's SPARQL engine, builds the graphs with networkx and computes the alliance network's
betweenness and components. Prints load and derive times, for the ratio in
docs/benchmarks.md. Needs `pip install rdflib networkx`.
"""
import pathlib
import re
import sys
import time

import networkx as nx
import rdflib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PREFIXES = """PREFIX pacta: <https://w3id.org/pacta/ontology#>
PREFIX id: <https://w3id.org/pacta/id/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def query_text(name, day):
    text = (ROOT / "src" / "network" / f"{name}.rq").read_text()
    text = re.sub(r"\?day\b", f'"{day}"^^xsd:date', text)
    return PREFIXES + text


def main(path, day):
    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(path, format="nt")
    load = time.perf_counter() - start
    print(f"load: {len(graph)} triples in {load:.2f}s")

    start = time.perf_counter()
    rows = {}
    for name in ["alliance", "guarantee", "violation", "broken", "intra"]:
        t = time.perf_counter()
        rows[name] = list(graph.query(query_text(name, day)))
        print(f"  {name:<9} {time.perf_counter() - t:8.2f}s  {len(rows[name])} rows")
    alliance = nx.Graph()
    alliance.add_edges_from((str(r.source), str(r.target)) for r in rows["alliance"])
    security = nx.MultiDiGraph()
    for name in ["guarantee", "violation", "broken", "intra"]:
        security.add_edges_from((str(r.source), str(r.target), {"relation": name}) for r in rows[name])
    betweenness = nx.betweenness_centrality(alliance, normalized=True)
    components = list(nx.connected_components(alliance))
    derive = time.perf_counter() - start
    print(f"derive all four networks + analyze: {derive:.2f}s "
          f"({alliance.number_of_edges()} alliance edges, {security.number_of_edges()} security edges, "
          f"{len(betweenness)} nodes ranked, {len(components)} components)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "2022-12-24")
