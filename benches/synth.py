#!/usr/bin/env python3
"""Writes a synthetic dataset in pacta's ontology, as N-Triples, for the network benchmarks.

    python3 benches/synth.py --states 1000 --organisations 200 --alliances 10 \
        --events 60000 --seed 1 > /tmp/synth.nt

Shape (chosen to look like the real architecture, scaled up): every state joins about ten
organisations; a few organisations are alliances with a collective-defence provision; some
states give bilateral guarantees; events pit an aggressor against a target, and one in ten
violates a provision. With the defaults above the file holds about one million triples.
The output depends only on the arguments.
"""
import argparse
import random
import sys

P = "https://w3id.org/pacta/ontology#"
ID = "https://w3id.org/pacta/id/synth/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SOURCE = "http://purl.org/dc/terms/source"
ORG_MEMBER = "http://www.w3.org/ns/org#member"
ORG_ORGANIZATION = "http://www.w3.org/ns/org#organization"
DATE = "http://www.w3.org/2001/XMLSchema#date"
KINDS = ["War", "Invasion", "BorderClash", "Offensive", "Strike", "Summit", "Sanction", "Exercise"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=1000)
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--alliances", type=int, default=10)
    parser.add_argument("--alliance-size", type=int, default=30)
    parser.add_argument("--memberships-per-state", type=int, default=10)
    parser.add_argument("--guarantees", type=int, default=2000)
    parser.add_argument("--events", type=int, default=60000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    lines = []

    def iri(x):
        return f"<{x}>"

    def triple(s, p, o):
        lines.append(f"{s} {p} {o} .\n")
        if len(lines) >= 10000:
            out.writelines(lines)
            lines.clear()

    def lit(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'

    def date(y, m, d):
        return f'"{y:04d}-{m:02d}-{d:02d}"^^<{DATE}>'

    def random_date(lo=1990, hi=2025):
        return date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))

    src = iri("https://example.org/synthetic")
    a, lab, srcp = iri(RDF_TYPE), iri(LABEL), iri(SOURCE)
    day = iri(P + "DayPrecision")

    states = [iri(f"{ID}S{i}") for i in range(args.states)]
    for i, s in enumerate(states):
        triple(s, a, iri(P + "State"))
        triple(s, lab, lit(f"State {i}"))
        triple(s, iri(P + "iso3166Alpha3"), f'"S{i:05d}"')
        triple(s, srcp, src)

    def membership(name, org, state, start):
        m = iri(f"{ID}{name}")
        triple(m, a, iri(P + "Membership"))
        triple(m, lab, lit(name))
        triple(m, iri(ORG_MEMBER), state)
        triple(m, iri(ORG_ORGANIZATION), org)
        triple(m, iri(P + "status"), iri(P + "FullMember"))
        triple(m, iri(P + "startDate"), start)
        triple(m, iri(P + "startPrecision"), day)
        triple(m, srcp, src)

    def agreement(name, in_force):
        g = iri(f"{ID}{name}")
        triple(g, a, iri(P + "Agreement"))
        triple(g, lab, lit(name))
        triple(g, iri(P + "agreementKind"), iri(P + "Treaty"))
        triple(g, iri(P + "inForce"), in_force)
        triple(g, iri(P + "inForcePrecision"), day)
        triple(g, srcp, src)
        return g

    def provision(name, agreement_iri, kind, obligors, beneficiaries):
        p = iri(f"{ID}{name}")
        triple(p, a, iri(P + "Provision"))
        triple(p, lab, lit(name))
        triple(p, iri(P + "agreement"), agreement_iri)
        triple(p, iri(P + "provisionKind"), iri(P + kind))
        for o in obligors:
            triple(p, iri(P + "obligor"), o)
        for b in beneficiaries:
            triple(p, iri(P + "beneficiary"), b)
        triple(p, srcp, src)
        return p

    organisations = [iri(f"{ID}O{i}") for i in range(args.organisations)]
    provisions = []
    for i, org in enumerate(organisations):
        alliance = i < args.alliances
        triple(org, a, iri(P + ("Alliance" if alliance else "Organisation")))
        triple(org, lab, lit(f"Organisation {i}"))
        triple(org, srcp, src)
        treaty = agreement(f"T{i}", date(1990 + i % 10, 1, 1))
        kind = "Defence" if alliance else "NonAggression"
        provisions.append(provision(f"T{i}_Art1", treaty, kind, [org], [org]))
    # Alliances take a fixed number of members; other organisations take the rest at random.
    for i in range(args.alliances):
        for j, state in enumerate(rng.sample(states, min(args.alliance_size, len(states)))):
            membership(f"M_A{i}_{j}", organisations[i], state, random_date(1990, 2020))
    ordinary = organisations[args.alliances:]
    for i, state in enumerate(states):
        for j, org in enumerate(rng.sample(ordinary, min(args.memberships_per_state, len(ordinary)))):
            membership(f"M_{i}_{j}", org, state, random_date())
    for i in range(args.guarantees):
        guarantor, beneficiary = rng.sample(states, 2)
        treaty = agreement(f"G{i}", random_date(1990, 2015))
        provisions.append(provision(f"G{i}_Art1", treaty, "Assurance", [guarantor], [beneficiary]))

    for i in range(args.events):
        e = iri(f"{ID}E{i}")
        aggressor, target = rng.sample(states, 2)
        triple(e, a, iri(P + "Event"))
        triple(e, lab, lit(f"Event {i}"))
        triple(e, iri(P + "eventKind"), iri(P + rng.choice(KINDS)))
        triple(e, iri(P + "date"), random_date())
        triple(e, iri(P + "datePrecision"), day)
        triple(e, iri(P + "place"), target)
        for n, (who, role) in enumerate(((aggressor, "Aggressor"), (target, "Target"))):
            part = f"_:e{i}p{n}"
            triple(e, iri(P + "participation"), part)
            triple(part, a, iri(P + "Participation"))
            triple(part, iri(P + "participant"), who)
            triple(part, iri(P + "role"), iri(P + role))
        if i % 10 == 0:
            triple(e, iri(P + "violates"), rng.choice(provisions))
        triple(e, srcp, src)
    out.writelines(lines)


if __name__ == "__main__":
    main()
