//! Checks on the curated dataset itself: sources, labels, dates, links and identifiers.
//!
//! Each check is a SPARQL query for offenders, so a failure lists exactly what to fix.

use oxigraph::sparql::QueryResults;
use pacta::KnowledgeGraph;
use std::sync::OnceLock;

fn graph() -> &'static KnowledgeGraph {
    static GRAPH: OnceLock<KnowledgeGraph> = OnceLock::new();
    GRAPH.get_or_init(|| KnowledgeGraph::builtin().expect("the built-in graph loads"))
}

/// Runs a SELECT and returns each row as `var=value` text.
fn offenders(sparql: &str) -> Vec<String> {
    let QueryResults::Solutions(solutions) =
        graph().query(sparql, "check", None, Vec::new()).unwrap()
    else {
        panic!("not a SELECT");
    };
    solutions
        .map(|s| {
            s.unwrap()
                .iter()
                .map(|(v, t)| format!("{}={t}", v.as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn assert_none(what: &str, sparql: &str) {
    let found = offenders(sparql);
    assert!(
        found.is_empty(),
        "{what}: {} offenders\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn built_in_files_parse_with_every_check_on() {
    for source in pacta::store::builtin_sources() {
        let name = source.name.clone();
        source
            .checked()
            .parse()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_graph_is_big_enough() {
    let stats = graph().stats().unwrap();
    assert!(stats.triples >= 1500, "{} triples", stats.triples);
}

#[test]
fn every_entity_has_an_english_label_and_a_source() {
    assert_none(
        "entities without an English label",
        "SELECT ?e WHERE { ?e a ?c . FILTER(STRSTARTS(STR(?e), STR(id:)))
           FILTER NOT EXISTS { ?e rdfs:label ?l . FILTER(LANGMATCHES(LANG(?l), \"en\")) } }",
    );
    assert_none(
        "entities without a source",
        "SELECT ?e WHERE { ?e a ?c . FILTER(STRSTARTS(STR(?e), STR(id:)))
           FILTER NOT EXISTS { ?e dcterms:source ?s } }",
    );
}

#[test]
fn every_linked_entity_is_defined() {
    assert_none(
        "id: IRIs used but never typed",
        "SELECT DISTINCT ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?o), STR(id:)))
           FILTER NOT EXISTS { ?o a ?c } }",
    );
}

#[test]
fn every_pacta_term_used_is_defined_by_the_ontology() {
    assert_none(
        "pacta: terms used but not defined",
        "SELECT DISTINCT ?t WHERE {
           { ?s ?t ?o } UNION { ?s a ?t } UNION { ?s ?p ?t }
           FILTER(isIRI(?t) && STRSTARTS(STR(?t), STR(pacta:)))
           FILTER NOT EXISTS { GRAPH <https://w3id.org/pacta/graph/ontology/pacta.ttl> { ?t rdfs:label ?l } } }",
    );
}

#[test]
fn memberships_and_tenures_start_and_never_end_before_they_start() {
    assert_none(
        "memberships or tenures without a start",
        "SELECT ?n WHERE { VALUES ?c { pacta:Membership pacta:Tenure } ?n a ?c FILTER NOT EXISTS { ?n pacta:startDate ?d } }",
    );
    // A date known to the month is written as the month's first day, so compare each pair at
    // the coarser of the two precisions.
    for start in ["startDate", "date"] {
        assert_none(
            &format!("intervals whose end comes before their {start}"),
            &format!(
                "SELECT ?n ?start ?end WHERE {{
                   ?n pacta:{start} ?start ; pacta:endDate ?end ; pacta:endPrecision ?ep .
                   BIND(IF(?ep = pacta:YearPrecision, 4, IF(?ep = pacta:MonthPrecision, 7, 10)) AS ?len)
                   FILTER(SUBSTR(STR(?end), 1, ?len) < SUBSTR(STR(?start), 1, ?len)) }}"
            ),
        );
    }
    assert_none(
        "memberships without member, organisation or status",
        "SELECT ?n WHERE { ?n a pacta:Membership
           FILTER NOT EXISTS { ?n org:member ?m ; org:organization ?o ; pacta:status ?s } }",
    );
}

#[test]
fn no_two_tenures_of_one_office_or_memberships_of_one_state_overlap() {
    // One holder at a time per office and state, and one status at a time per member: a
    // handover on the day one interval ends and the next starts is not an overlap. Dates are
    // compared at the coarser precision of the pair, as above.
    for (class, who, of) in [
        ("pacta:Tenure", "pacta:office", "pacta:jurisdiction"),
        ("pacta:Membership", "org:member", "org:organization"),
    ] {
        assert_none(
            &format!("overlapping {class} intervals"),
            &format!(
                "SELECT ?a ?b WHERE {{
                   ?a a {class} ; {who} ?w ; {of} ?o ; pacta:startDate ?s1 .
                   ?b a {class} ; {who} ?w ; {of} ?o ; pacta:startDate ?s2 ; pacta:startPrecision ?p2 .
                   FILTER(?a != ?b && ?s1 <= ?s2)
                   OPTIONAL {{ ?a pacta:endDate ?e1 ; pacta:endPrecision ?ep }}
                   BIND(IF(?ep = pacta:YearPrecision || ?p2 = pacta:YearPrecision, 4,
                        IF(?ep = pacta:MonthPrecision || ?p2 = pacta:MonthPrecision, 7, 10)) AS ?len)
                   FILTER(!BOUND(?e1) || SUBSTR(STR(?e1), 1, ?len) > SUBSTR(STR(?s2), 1, ?len)) }}"
            ),
        );
    }
}

#[test]
fn every_date_states_its_precision() {
    for (date, precision) in [
        ("startDate", "startPrecision"),
        ("endDate", "endPrecision"),
        ("date", "datePrecision"),
        ("signed", "signedPrecision"),
        ("inForce", "inForcePrecision"),
        ("terminated", "terminatedPrecision"),
        ("suspended", "suspendedPrecision"),
        ("founded", "foundedPrecision"),
    ] {
        assert_none(
            &format!("pacta:{date} without pacta:{precision}"),
            &format!(
                "SELECT ?n WHERE {{ ?n pacta:{date} ?d FILTER NOT EXISTS {{ ?n pacta:{precision} ?p }} }}"
            ),
        );
    }
    assert_none(
        "dates that are not xsd:date",
        "SELECT ?n ?p ?d WHERE { VALUES ?p { pacta:startDate pacta:endDate pacta:date pacta:signed pacta:inForce pacta:terminated pacta:suspended pacta:founded }
           ?n ?p ?d FILTER(DATATYPE(?d) != xsd:date) }",
    );
}

#[test]
fn provisions_belong_to_agreements_and_have_a_kind() {
    assert_none(
        "provisions without an agreement or a kind",
        "SELECT ?p WHERE { ?p a pacta:Provision
           FILTER NOT EXISTS { ?p pacta:agreement ?a . ?a a pacta:Agreement . ?p pacta:provisionKind ?k } }",
    );
}

#[test]
fn event_participants_are_states_or_organisations() {
    assert_none(
        "participants that are neither states nor organisations",
        "SELECT DISTINCT ?e ?who WHERE { ?e pacta:participation/pacta:participant ?who
           FILTER NOT EXISTS { VALUES ?c { pacta:State pacta:Organisation pacta:Alliance } ?who a ?c } }",
    );
    assert_none(
        "events without a kind or a date",
        "SELECT ?e WHERE { ?e a pacta:Event FILTER NOT EXISTS { ?e pacta:eventKind ?k ; pacta:date ?d } }",
    );
}

#[test]
fn no_two_entities_share_a_wikidata_item() {
    assert_none(
        "Wikidata items used twice",
        "SELECT ?q (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pacta:wikidata ?q } GROUP BY ?q HAVING(COUNT(DISTINCT ?e) > 1)",
    );
}

#[test]
fn every_essay_agreement_and_alliance_is_present() {
    for entity in [
        "CharterOfParis",
        "NATORussiaFoundingAct",
        "BudapestMemorandum",
        "UNCharter",
        "NorthAtlanticTreaty",
        "CollectiveSecurityTreaty",
        "NATO",
        "CSTO",
        "NorthAtlanticTreaty_Art5",
        "CollectiveSecurityTreaty_Art4",
        "BudapestMemorandum_Para2",
        "BudapestMemorandum_Para4",
        "NATORussiaFoundingAct_NonUseOfForce",
    ] {
        assert_none(
            &format!("{entity} missing"),
            &format!(
                "SELECT (id:{entity} AS ?e) WHERE {{ FILTER NOT EXISTS {{ id:{entity} a ?c }} }}"
            ),
        );
    }
}

#[test]
fn an_independent_parser_reads_every_file_the_same() {
    // rapper (Raptor) is a second Turtle implementation; .ci/run installs it.
    if std::process::Command::new("rapper")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: rapper is not installed (apt-get install raptor2-utils)");
        return;
    }
    for source in pacta::store::builtin_sources() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&source.name);
        let output = std::process::Command::new("rapper")
            .args(["-i", "turtle", "-c"])
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{}: {stderr}", source.name);
        let count: usize = stderr
            .split("returned ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{}: no triple count in {stderr}", source.name));
        let ours = source.checked().parse().unwrap().len();
        assert_eq!(count, ours, "{}: rapper and oxttl disagree", path.display());
    }
}
