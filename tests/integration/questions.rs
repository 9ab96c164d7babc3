//! Every named question, checked against its actual answer on the built-in graph.

use crate::util::{ask, column, id, ids, stdout, term};

#[test]
fn every_question_is_listed_and_tested_here() {
    let listing = stdout(&["ask"]);
    let names: Vec<&str> = listing
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let tested = [
        include_str!("questions.rs"),
        include_str!("questions_extra.rs"),
    ]
    .concat();
    assert!(names.len() >= 40, "only {} questions", names.len());
    for name in names {
        assert!(
            tested.contains(&format!("\"{name}\"")),
            "question {name} has no test"
        );
    }
}

#[test]
fn csto_members_on_the_essay_date() {
    let rows = ask("csto-members", None);
    assert_eq!(
        column(&rows, "state"),
        ids(&["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"])
    );
}

#[test]
fn csto_members_before_and_after_the_1999_exits() {
    let before = column(&ask("csto-members", Some("1995-01-01")), "state");
    assert_eq!(
        before,
        ids(&[
            "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"
        ])
    );
    let after = column(&ask("csto-members", Some("2000-01-01")), "state");
    assert_eq!(after, ids(&["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]));
    // The three left on the day the treaty's first term expired.
    assert_eq!(ask("csto-members", Some("1999-04-19")).len(), 9);
    assert_eq!(ask("csto-members", Some("1999-04-20")).len(), 6);
    let with_uzbekistan = column(&ask("csto-members", Some("2008-01-01")), "state");
    assert!(with_uzbekistan.contains(&id("UZB")));
}

#[test]
fn armenia_is_a_frozen_csto_member_in_2025() {
    let rows = ask("csto-members", Some("2025-01-01"));
    let armenia = rows
        .iter()
        .find(|r| r["state"] == id("ARM"))
        .expect("Armenia listed");
    assert_eq!(armenia["status"], term("Frozen"));
}

#[test]
fn nato_members_over_time() {
    assert_eq!(ask("nato-members", None).len(), 30);
    assert_eq!(ask("nato-members", Some("1990-01-01")).len(), 16);
    let after_finland = column(&ask("nato-members", Some("2023-04-04")), "state");
    assert_eq!(after_finland.len(), 31);
    assert!(after_finland.contains(&id("FIN")));
    assert_eq!(ask("nato-members", Some("2024-03-07")).len(), 32);
}

#[test]
fn members_on_counts_nato_and_csto() {
    let rows = ask("members-on", None);
    let count = |org: &str| {
        rows.iter()
            .find(|r| r["organisation"] == id(org))
            .map(|r| r["members"].clone())
    };
    assert_eq!(count("NATO").as_deref(), Some("30"));
    assert_eq!(count("CSTO").as_deref(), Some("6"));
}

#[test]
fn csto_exits_list_the_1999_leavers_and_later_changes() {
    let rows = ask("csto-exits", None);
    let has = |state: &str, status: &str, year: &str| {
        rows.iter().any(|r| {
            r["state"] == id(state) && r["status"] == term(status) && r["from"].starts_with(year)
        })
    };
    assert!(has("AZE", "Withdrawn", "1999"));
    assert!(has("GEO", "Withdrawn", "1999"));
    assert!(has("UZB", "Withdrawn", "1999"));
    assert!(has("UZB", "Suspended", "2012"));
    assert!(has("ARM", "Frozen", "2024"));
    assert_eq!(rows.len(), 5);
}

#[test]
fn nato_enlargement_since_1991() {
    let rows = ask("nato-enlargement", None);
    assert_eq!(rows.len(), 16);
    assert_eq!(rows.first().unwrap()["joined"], "1999-03-12");
    let last = rows.last().unwrap();
    assert_eq!(
        (last["state"].as_str(), last["joined"].as_str()),
        (id("SWE").as_str(), "2024-03-07")
    );
}

#[test]
fn guarantees_for_ukraine_in_2014_include_budapest_given_by_russia() {
    let rows = ask("guarantees-for-ukraine", None);
    let provisions = column(&rows, "provision");
    assert!(provisions.contains(&id("BudapestMemorandum_Para1")));
    assert!(provisions.contains(&id("BudapestMemorandum_Para4")));
    let para1 = rows
        .iter()
        .find(|r| r["provision"] == id("BudapestMemorandum_Para1"))
        .unwrap();
    for guarantor in ["Russia", "United Kingdom", "United States"] {
        assert!(
            para1["guarantors"].contains(guarantor),
            "{guarantor} missing"
        );
    }
    // Before the memorandum was signed, it covered nothing.
    let before = column(
        &ask("guarantees-for-ukraine", Some("1994-01-01")),
        "agreement",
    );
    assert!(!before.contains(&id("BudapestMemorandum")));
}

#[test]
fn budapest_violations_by_russia() {
    let rows = ask("budapest-violations", None);
    assert_eq!(
        column(&rows, "provision"),
        ids(&["BudapestMemorandum_Para1", "BudapestMemorandum_Para2"])
    );
    let events = column(&rows, "event");
    assert!(events.contains(&id("AnnexationOfCrimea2014")));
    assert!(events.contains(&id("RussianInvasionOfUkraine2022")));
}

#[test]
fn broken_guarantees_include_russia_against_ukraine() {
    let rows = ask("broken-guarantees", None);
    assert!(rows.iter().any(|r| r["guarantor"] == id("RUS")
        && r["beneficiary"] == id("UKR")
        && r["agreement"] == id("BudapestMemorandum")
        && r["event"] == id("RussianInvasionOfUkraine2022")));
}

#[test]
fn intra_alliance_conflicts_include_kyrgyzstan_and_tajikistan_in_the_csto() {
    let rows = ask("intra-alliance-conflicts", None);
    assert!(rows.iter().any(|r| {
        r["alliance"] == id("CSTO")
            && column(std::slice::from_ref(r), "sideA")
                .union(&column(std::slice::from_ref(r), "sideB"))
                .cloned()
                .collect::<std::collections::BTreeSet<_>>()
                == ids(&["KGZ", "TJK"])
            && r["event"] == id("KyrgyzTajikBorderClashes2022")
    }));
    // Russia and Ukraine never shared an alliance.
    assert!(
        !rows
            .iter()
            .any(|r| r["sideA"] == id("RUS") || r["sideB"] == id("RUS"))
    );
}

#[test]
fn discretionary_guarantees_include_nato_article_5() {
    let rows = ask("discretionary-guarantees", None);
    assert!(
        rows.iter()
            .any(|r| r["agreement"] == id("NorthAtlanticTreaty") && r["article"] == "Art. 5")
    );
    let automatic = ask("automatic-guarantees", None);
    assert!(
        !automatic
            .iter()
            .any(|r| r["agreement"] == id("NorthAtlanticTreaty") && r["article"] == "Art. 5")
    );
}

#[test]
fn automatic_guarantees_include_budapest_security_council_referral() {
    let rows = ask("automatic-guarantees", None);
    assert!(
        rows.iter()
            .any(|r| r["agreement"] == id("BudapestMemorandum") && r["article"] == "para. 4")
    );
    assert!(rows.iter().all(|r| !r["kind"].is_empty()));
}

#[test]
fn csto_collective_actions_are_only_kazakhstan_2022() {
    let rows = ask("csto-collective-actions", None);
    assert_eq!(
        column(&rows, "event"),
        ids(&["CSTODeploymentKazakhstan2022"])
    );
    assert_eq!(rows[0]["date"], "2022-01-06");
}

#[test]
fn csto_article4_invocations_kazakhstan_honoured_armenia_not() {
    let rows = ask("csto-article4-invocations", None);
    let outcome = |event: &str| {
        rows.iter()
            .find(|r| r["event"] == id(event))
            .map(|r| r["outcome"].clone())
    };
    assert_eq!(outcome("KazakhstanCSTORequest2022"), Some(term("Honoured")));
    assert_eq!(outcome("ArmeniaCSTORequest2022"), Some(term("NotHonoured")));
}

#[test]
fn invocations_not_honoured_include_armenia_2022() {
    let rows = ask("invocations-not-honoured", None);
    assert!(
        rows.iter()
            .any(|r| r["event"] == id("ArmeniaCSTORequest2022")
                && r["provision"] == id("CollectiveSecurityTreaty_Art4"))
    );
    assert!(rows.iter().all(|r| r["outcome"] != term("Honoured")));
    // Armenia's 2020 request to Russia under the bilateral treaty: answered only in part.
    assert!(
        rows.iter()
            .any(|r| r["event"] == id("ArmeniaInvokesRussiaTreaty2020")
                && r["provision"] == id("RussiaArmeniaTreaty1997_Art2")
                && r["outcome"] == term("PartiallyHonoured"))
    );
}

#[test]
fn russia_non_aggression_pledges_and_their_violations() {
    let rows = ask("russia-non-aggression-pledges", None);
    let budapest2 = rows
        .iter()
        .find(|r| r["agreement"] == id("BudapestMemorandum") && r["article"] == "para. 2")
        .expect("Budapest para. 2 is a Russian pledge");
    assert_eq!(budapest2["violations"], "2");
    assert!(column(&rows, "agreement").contains(&id("NATORussiaFoundingAct")));
}

#[test]
fn essay_statements_name_the_essay_speakers() {
    let rows = ask("essay-statements", None);
    let speakers = column(&rows, "speaker");
    for person in [
        "EmmanuelMacron",
        "OlafScholz",
        "VladimirPutin",
        "DmitryMedvedev",
        "RamzanKadyrov",
        "EmomaliRahmon",
        "KassymJomartTokayev",
        "DmitriTrenin",
    ] {
        assert!(speakers.contains(&id(person)), "{person} has no statement");
    }
    assert!(
        rows.iter()
            .all(|r| !r.get("words").is_none_or(String::is_empty))
    );
}

#[test]
fn leaders_on_a_day() {
    let now = ask("leaders-on", None);
    assert!(now.iter().any(|r| r["jurisdiction"] == id("RUS")
        && r["office"] == term("President")
        && r["person"] == id("VladimirPutin")));
    let then = ask("leaders-on", Some("1995-01-01"));
    assert!(
        then.iter()
            .any(|r| r["jurisdiction"] == id("RUS") && r["person"] == id("BorisYeltsin"))
    );
    assert!(!then.iter().any(|r| r["person"] == id("VladimirPutin")));
}

#[test]
fn russia_treaty_exits_since_2007() {
    let rows = ask("russia-treaty-exits", None);
    let agreements = column(&rows, "agreement");
    for agreement in ["CFETreaty", "OpenSkiesTreaty", "NewSTART"] {
        assert!(agreements.contains(&id(agreement)), "{agreement} missing");
    }
    assert!(rows.iter().all(|r| r["date"].as_str() >= "2007-01-01"));
}

#[test]
fn un_vetoes_are_russian() {
    let rows = ask("un-vetoes", None);
    assert_eq!(rows.len(), 3);
    assert_eq!(column(&rows, "vetoedBy"), ids(&["RUS"]));
}

#[test]
fn events_in_2022_are_in_2022_and_include_the_invasion() {
    let rows = ask("events-in-2022", None);
    assert!(rows.iter().all(|r| r["date"].starts_with("2022-")));
    assert!(column(&rows, "event").contains(&id("RussianInvasionOfUkraine2022")));
}

#[test]
fn agreements_in_force_follow_their_dates() {
    let now = column(&ask("agreements-in-force", None), "agreement");
    assert!(now.contains(&id("NorthAtlanticTreaty")));
    assert!(!now.contains(&id("INFTreaty")));
    let then = column(&ask("agreements-in-force", Some("1995-01-01")), "agreement");
    assert!(then.contains(&id("INFTreaty")));
    assert!(!then.contains(&id("NATORussiaFoundingAct")));
}

#[test]
fn csto_kazakhstan_2022_contributors() {
    let rows = ask("csto-kazakhstan-2022", None);
    let contributors: std::collections::BTreeSet<String> = rows
        .iter()
        .filter(|r| r["role"] == term("Contributor"))
        .map(|r| r["state"].clone())
        .collect();
    assert_eq!(contributors, ids(&["ARM", "BLR", "KGZ", "RUS", "TJK"]));
}
