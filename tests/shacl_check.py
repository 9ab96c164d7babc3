#!/usr/bin/env python3
"""Validates a Turtle file with pyshacl and pacta's shapes, for comparison with `pacta check`.

    python3 tests/shacl_check.py FILE.ttl

The data graph is pacta's ontology, its built-in dataset and FILE, as `pacta check` validates
them; the shapes graph is ontology/shapes.ttl. Prints, as JSON, the sorted list of
[focus node, shape] pairs of violations whose focus node is a subject in FILE (pacta reports
only those). The integration test compares this list with pacta's.
"""
import glob
import json
import os
import sys

import pyshacl
import rdflib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def main():
    path = sys.argv[1]
    data = rdflib.Graph()
    for builtin in [os.path.join(ROOT, "ontology", "pacta.ttl")] + sorted(
        glob.glob(os.path.join(ROOT, "data", "*.ttl"))
    ):
        data.parse(builtin, format="turtle")
    mine = rdflib.Graph()
    mine.parse(path, format="turtle")
    data += mine
    shapes = rdflib.Graph()
    shapes.parse(os.path.join(ROOT, "ontology", "shapes.ttl"), format="turtle")
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, advanced=True, inference="none")
    subjects = set(mine.subjects())
    found = set()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        # A property shape is a blank node: report the node shape that holds it.
        holder = shapes.value(predicate=SH.property, object=shape) or shapes.value(
            predicate=SH.sparql, object=shape
        )
        if holder is not None:
            shape = holder
        if focus in subjects and isinstance(focus, rdflib.URIRef):
            found.add((str(focus), str(shape)))
    json.dump(sorted(found), sys.stdout)


if __name__ == "__main__":
    main()
