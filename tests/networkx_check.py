"""Reads a pacta node-link JSON export with networkx and checks pacta's betweenness.

Usage: python3 networkx_check.py NETWORK.json ANALYSIS.json
Exits 0 when every node's betweenness matches networkx's to 1e-9, 1 otherwise.
"""
import json
import sys

import networkx as nx


def main(network_path, analysis_path):
    with open(network_path) as f:
        data = json.load(f)
    try:
        graph = nx.node_link_graph(data, edges="links")
    except TypeError:  # networkx before 3.4 has no `edges` argument; "links" is its default
        graph = nx.node_link_graph(data)
    with open(analysis_path) as f:
        analysis = json.load(f)
    expected = nx.betweenness_centrality(nx.Graph(graph), normalized=True)
    ours = {row["node"]: row["betweenness"] for row in analysis["centrality"]}
    if set(ours) != set(expected):
        print("node sets differ:", sorted(set(ours) ^ set(expected)))
        return 1
    worst = max(abs(ours[n] - expected[n]) for n in expected)
    components = sorted(len(c) for c in nx.connected_components(nx.Graph(graph)))
    ours_components = sorted(len(c) for c in analysis["components"])
    print(f"{len(expected)} nodes, largest difference {worst:.3e}, components {components}")
    if worst > 1e-9 or components != ours_components:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
