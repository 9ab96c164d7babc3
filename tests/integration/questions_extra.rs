//! The named questions added for issue 3, each checked against its actual answer on the
//! built-in graph.

use crate::util::{Row, ask, column, id, ids, term};
use std::collections::BTreeSet;

/// The rows whose `key` column is the entity `local`.
fn with<'a>(rows: &'a [Row], key: &str, local: &str) -> Vec<&'a Row> {
    rows.iter().filter(|r| r[key] == id(local)).collect()
}

/// The one row whose `key` column is the entity `local`.
fn only<'a>(rows: &'a [Row], key: &str, local: &str) -> &'a Row {
    let found = with(rows, key, local);
    assert_eq!(found.len(), 1, "{key} = {local}: {found:?}");
    found[0]
}

#[test]
fn alliances_on_a_day() {
    let rows = ask("alliances-on", None);
    let members = |alliance: &str| {
        rows.iter()
            .filter(|r| r["alliance"] == id(alliance))
            .map(|r| r["state"].clone())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(members("NATO").len(), 30);
    assert_eq!(
        members("CSTO"),
        ids(&["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"])
    );
    assert!(members("NATO").is_disjoint(&members("CSTO")));
    assert!(!members("NATO").contains(&id("FIN")));

    let later = ask("alliances-on", Some("2025-01-01"));
    assert!(
        later
            .iter()
            .any(|r| r["state"] == id("FIN") && r["alliance"] == id("NATO"))
    );
    let armenia = only(&later, "state", "ARM");
    assert_eq!(armenia["status"], term("Frozen"));
}

#[test]
fn state_organisations_on_a_day() {
    let russia = |day: Option<&str>| {
        let rows = ask("state-organisations-on", day);
        only(&rows, "state", "RUS")["organisations"].clone()
    };
    let now = russia(None);
    for organisation in ["CSTO", "CIS", "SCO", "OSCE"] {
        assert!(now.contains(organisation), "{organisation} missing: {now}");
    }
    assert!(
        !now.contains("G7"),
        "Russia's G8 seat was suspended in 2014"
    );
    assert!(russia(Some("2010-01-01")).contains("G7"));

    let rows = ask("state-organisations-on", None);
    assert!(
        only(&rows, "state", "FIN")["organisations"].contains("EU")
            && !only(&rows, "state", "FIN")["organisations"].contains("NATO")
    );
}

#[test]
fn eu_members_over_time() {
    let now = column(&ask("eu-members", None), "state");
    assert_eq!(now.len(), 27);
    assert!(!now.contains(&id("GBR")));
    let before_brexit = column(&ask("eu-members", Some("2019-01-01")), "state");
    assert_eq!(before_brexit.len(), 28);
    assert!(before_brexit.contains(&id("GBR")));
    assert_eq!(ask("eu-members", Some("1995-01-01")).len(), 15);
    assert_eq!(ask("eu-members", Some("2004-05-01")).len(), 25);
}

#[test]
fn osce_participating_states_and_suspensions() {
    let count = |day: Option<&str>, status: &str| {
        ask("osce-participating-states", day)
            .iter()
            .find(|r| r["status"] == term(status))
            .map(|r| r["states"].clone())
    };
    assert_eq!(count(None, "FullMember").as_deref(), Some("57"));
    assert_eq!(count(None, "Suspended"), None);
    assert_eq!(
        count(Some("1989-01-01"), "FullMember").as_deref(),
        Some("35")
    );
    let rows = ask("osce-participating-states", Some("1995-01-01"));
    let suspended = rows
        .iter()
        .find(|r| r["status"] == term("Suspended"))
        .expect("Yugoslavia suspended in 1995");
    assert_eq!(suspended["states"], "1");
    assert_eq!(suspended["codes"], "YUG");
}

#[test]
fn nato_secretary_general_on_a_day() {
    let on = |day: Option<&str>| column(&ask("nato-secretary-general", day), "person");
    assert_eq!(on(None), ids(&["JensStoltenberg"]));
    assert_eq!(on(Some("1999-01-01")), ids(&["JavierSolana"]));
    assert_eq!(on(Some("2025-01-01")), ids(&["MarkRutte"]));
}

#[test]
fn guarantees_in_force_by_beneficiary() {
    let rows = ask("guarantees-in-force", None);
    let budapest = rows
        .iter()
        .find(|r| r["beneficiary"] == id("UKR") && r["provision"] == id("BudapestMemorandum_Para1"))
        .expect("Budapest para. 1 covers Ukraine");
    for guarantor in ["Russia", "United Kingdom", "United States"] {
        assert!(budapest["guarantors"].contains(guarantor), "{guarantor}");
    }
    let beneficiaries = column(&rows, "beneficiary");
    assert!(beneficiaries.is_superset(&ids(&["UKR", "BLR", "KAZ"])));
    // The Soviet Union was gone; the Russia-DPRK treaty was not yet in force.
    assert!(!beneficiaries.contains(&id("SUN")));
    assert!(!beneficiaries.contains(&id("PRK")));
    // The Big Treaty ended in 2019.
    let provisions = column(&rows, "provision");
    assert!(!provisions.contains(&id("RussiaUkraineFriendshipTreaty_Art2")));
    let in_2010 = column(&ask("guarantees-in-force", Some("2010-01-01")), "provision");
    assert!(in_2010.contains(&id("RussiaUkraineFriendshipTreaty_Art2")));

    let later = ask("guarantees-in-force", Some("2025-01-01"));
    assert!(later.iter().any(|r| r["beneficiary"] == id("PRK")
        && r["provision"] == id("RussiaDPRKTreaty2024_Art4")
        && r["guarantors"] == "Russia"));
}

#[test]
fn csto_and_sco_members() {
    let on = |day: Option<&str>| column(&ask("csto-sco-members", day), "state");
    assert_eq!(on(None), ids(&["KAZ", "KGZ", "RUS", "TJK"]));
    assert!(on(Some("2008-01-01")).contains(&id("UZB")));
    assert_eq!(
        on(Some("2025-01-01")),
        ids(&["BLR", "KAZ", "KGZ", "RUS", "TJK"])
    );
}

#[test]
fn unsc_permanent_members() {
    assert_eq!(
        column(&ask("unsc-permanent-members", None), "state"),
        ids(&["CHN", "FRA", "GBR", "RUS", "USA"])
    );
    assert_eq!(
        column(&ask("unsc-permanent-members", Some("1990-01-01")), "state"),
        ids(&["CHN", "FRA", "GBR", "SUN", "USA"])
    );
}

#[test]
fn g7_and_g8_members() {
    let now = column(&ask("g7-members", None), "state");
    assert_eq!(now.len(), 7);
    assert!(!now.contains(&id("RUS")));
    let g8 = column(&ask("g7-members", Some("2010-01-01")), "state");
    assert_eq!(g8.len(), 8);
    assert!(g8.contains(&id("RUS")));
}

#[test]
fn states_guaranteed_by_both_blocs_are_the_budapest_three() {
    let rows = ask("guaranteed-by-both-blocs", None);
    assert_eq!(column(&rows, "beneficiary"), ids(&["BLR", "KAZ", "UKR"]));
    let ukraine = only(&rows, "beneficiary", "UKR");
    assert!(ukraine["natoSide"].contains("United States"));
    assert!(ukraine["natoSide"].contains("United Kingdom"));
    assert!(ukraine["russiaSide"].contains("Russia"));
    assert!(ukraine["agreements"].contains("Budapest Memorandum"));
}

#[test]
fn uzbekistan_left_for_the_rival_bloc_twice() {
    let rows = ask("left-for-rival-bloc", None);
    let moved = |left: &str, joined: &str| {
        rows.iter()
            .any(|r| r["state"] == id("UZB") && r["left"] == id(left) && r["joined"] == id(joined))
    };
    assert!(moved("CSTO", "GUAM"));
    assert!(moved("GUAM", "CSTO"));
    assert!(rows.iter().all(|r| r["joinedOn"] >= r["leftOn"]));
}

#[test]
fn pledge_breaking_clashes() {
    let rows = ask("pledge-breaking-clashes", None);
    let row = |event: &str| only(&rows, "event", event);
    let kyrgyz_tajik = row("KyrgyzTajikBorderClashes2022");
    assert_eq!(
        [
            kyrgyz_tajik["sideA"].as_str(),
            kyrgyz_tajik["sideB"].as_str()
        ],
        [id("KGZ"), id("TJK")]
    );
    assert!(kyrgyz_tajik["agreements"].contains("CST"));
    let invasion = row("RussianInvasionOfUkraine2022");
    assert_eq!(invasion["sideA"], id("RUS"));
    assert!(invasion["agreements"].contains("Budapest Memorandum"));
    // Armenia and Azerbaijan were both in the Collective Security Treaty during the first war.
    assert!(row("FirstNagornoKarabakhWar1988")["agreements"].contains("CST"));
    // The 2020 ceasefire took effect on the war's last day, so it was not broken by that war.
    assert!(!row("SecondNagornoKarabakhWar2020")["agreements"].contains("Trilateral"));
    assert!(row("AzerbaijaniAttackOnArmenia2022")["agreements"].contains("Trilateral"));
    // Battles of a larger war are folded into it.
    assert!(with(&rows, "event", "SiegeOfMariupol2022").is_empty());
}

#[test]
fn leaders_when_attacked() {
    let rows = ask("leaders-when-attacked", None);
    let led = |event: &str, leader: &str| {
        rows.iter()
            .any(|r| r["event"] == id(event) && r.get("leader") == Some(&id(leader)))
    };
    assert!(led("RussianInvasionOfUkraine2022", "VolodymyrZelensky"));
    assert!(led("RussianOccupationOfCrimea2014", "OleksandrTurchynov"));
    assert!(led("AzerbaijaniAttackOnArmenia2022", "NikolPashinyan"));
    assert!(!led("RussianInvasionOfUkraine2022", "PetroPoroshenko"));
    assert!(rows.iter().all(|r| r["state"] != r["aggressor"]));
}

#[test]
fn agreements_russia_signed_with_nato_members() {
    let rows = ask("russia-nato-cosigned", None);
    let agreements = column(&rows, "agreement");
    for agreement in [
        "BudapestMemorandum",
        "NATORussiaFoundingAct",
        "NewSTART",
        "INFTreaty",
        "BlackSeaGrainInitiative",
    ] {
        assert!(agreements.contains(&id(agreement)), "{agreement} missing");
    }
    let cfe = only(&rows, "agreement", "CFETreaty");
    assert_eq!(cfe["russia"], id("SUN"));
    assert_eq!(cfe["natoSignatories"], "16");
    assert!(!agreements.contains(&id("CollectiveSecurityTreaty")));
    assert!(!agreements.contains(&id("KarabakhCeasefireStatement2020")));
}

#[test]
fn unlinked_attacks_have_an_aggressor_and_no_violation() {
    let rows = ask("unlinked-attacks", None);
    let events = column(&rows, "event");
    assert!(events.contains(&id("KerchStraitIncident2018")));
    assert!(events.contains(&id("RussianDroneIncursionPoland2025")));
    // These are linked to the provisions they violate.
    assert!(!events.contains(&id("RussianInvasionOfUkraine2022")));
    assert!(!events.contains(&id("AnnexationOfCrimea2014")));
    assert!(rows.iter().all(|r| !r["aggressor"].is_empty()));
}

#[test]
fn most_cited_sources_are_ranked() {
    let rows = ask("most-cited-sources", None);
    assert!(!rows.is_empty() && rows.len() <= 25);
    let counts: Vec<u32> = rows.iter().map(|r| r["nodes"].parse().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let sites = column(&rows, "site");
    for site in ["nato.int", "osce.org"] {
        assert!(sites.contains(site), "{site} missing: {sites:?}");
    }
    assert!(
        sites
            .iter()
            .all(|s| !s.contains('/') && !s.starts_with("www."))
    );
}

#[test]
fn coverage_by_year() {
    let rows = ask("coverage-by-year", None);
    let number = |r: &Row, column: &str| r[column].parse::<u32>().unwrap();
    let year = |y: &str| rows.iter().find(|r| r["year"] == y).expect(y);
    let busiest = rows.iter().max_by_key(|r| number(r, "events")).unwrap();
    assert_eq!(busiest["year"], "2022");
    assert!(number(year("2022"), "statements") >= 8);
    assert!(number(year("1994"), "agreements") >= 4);
    for r in &rows {
        let parts: u32 = [
            "events",
            "statements",
            "agreements",
            "memberships",
            "tenures",
        ]
        .iter()
        .map(|c| number(r, c))
        .sum();
        assert_eq!(parts, number(r, "total"), "year {}", r["year"]);
    }
}

#[test]
fn nato_article_4_and_5_invocations() {
    let rows = ask("nato-article4-5-invocations", None);
    let article5: Vec<_> = rows.iter().filter(|r| r["article"] == "Art. 5").collect();
    assert_eq!(article5.len(), 1, "Article 5 was invoked once");
    assert_eq!(article5[0]["event"], id("NATOArticle5Invocation2001"));
    assert_eq!(article5[0]["ally"], "United States");
    assert_eq!(article5[0]["outcome"], term("Honoured"));
    let poland = only(&rows, "event", "PolandArticle4Request2014");
    assert_eq!(poland["ally"], "Poland");
    let eight = only(&rows, "event", "EasternAlliesArticle4Request2022");
    assert_eq!(eight["ally"].split(", ").count(), 8);
    assert!(rows.len() >= 7);
}

#[test]
fn treaty_exits_by_party() {
    let rows = ask("treaty-exits-by-party", None);
    let row = |party: &str, kind: &str| {
        rows.iter()
            .find(|r| r["party"] == id(party) && r["kind"] == kind)
            .unwrap_or_else(|| panic!("{party} {kind}"))
    };
    let suspension = term("TreatySuspension");
    let withdrawal = term("TreatyWithdrawal");
    let suspended = &row("RUS", &suspension)["what"];
    assert!(suspended.contains("New START") && suspended.contains("CFE"));
    assert!(row("RUS", &withdrawal)["what"].contains("Open Skies"));
    assert!(row("USA", &withdrawal)["what"].contains("Open Skies"));
    // Armenia's freeze of its CSTO participation is a suspension.
    assert_eq!(row("ARM", &suspension)["times"], "1");
    assert!(row("NATO", &suspension)["what"].contains("CFE"));
    // An organisation is not a party to its members' exits.
    assert!(!column(&rows, "party").contains(&id("CSTO")));
}

#[test]
fn violations_by_aggressor() {
    let rows = ask("violations-by-aggressor", None);
    let budapest = rows
        .iter()
        .find(|r| r["aggressor"] == id("RUS") && r["agreement"] == id("BudapestMemorandum"))
        .expect("Russia violated the Budapest Memorandum");
    assert_eq!(budapest["events"], "3");
    assert!(
        budapest["provisions"].contains("para. 1") && budapest["provisions"].contains("para. 2")
    );
    assert_eq!(budapest["first"], "2014-02-27");
    let russian: BTreeSet<_> = rows
        .iter()
        .filter(|r| r["aggressor"] == id("RUS"))
        .map(|r| r["agreement"].clone())
        .collect();
    assert!(russian.is_superset(&ids(&[
        "UNCharter",
        "HelsinkiFinalAct",
        "NATORussiaFoundingAct"
    ])));
}

#[test]
fn never_invoked_pledges() {
    let provisions = column(&ask("never-invoked-pledges", None), "provision");
    for never in ["BudapestMemorandum_Para4", "RussiaDPRKTreaty2024_Art3"] {
        assert!(provisions.contains(&id(never)), "{never} missing");
    }
    for invoked in [
        "NorthAtlanticTreaty_Art4",
        "NorthAtlanticTreaty_Art5",
        "CollectiveSecurityTreaty_Art4",
        "TreatyOnEuropeanUnion_Art42_7",
        "BudapestMemorandum_Para6",
        "RussiaDPRKTreaty2024_Art4",
    ] {
        assert!(!provisions.contains(&id(invoked)), "{invoked} was invoked");
    }
}

#[test]
fn partnership_for_peace_to_nato() {
    let rows = ask("pfp-to-nato", None);
    assert_eq!(rows.len(), 16);
    assert_eq!(only(&rows, "state", "POL")["years"], "5");
    assert_eq!(only(&rows, "state", "SVN")["years"], "9");
    assert_eq!(only(&rows, "state", "FIN")["years"], "28");
    assert_eq!(only(&rows, "state", "SWE")["years"], "29");
    let states = column(&rows, "state");
    for partner in ["UKR", "GEO", "MLT", "RUS"] {
        assert!(
            !states.contains(&id(partner)),
            "{partner} never joined NATO"
        );
    }
}

#[test]
fn organisation_exits() {
    let rows = ask("organisation-exits", None);
    let has = |org: &str, state: &str, status: &str, from: &str| {
        rows.iter().any(|r| {
            r["organisation"] == id(org)
                && r["state"] == id(state)
                && r["status"] == term(status)
                && r["from"] == from
        })
    };
    assert!(has("EU", "GBR", "Withdrawn", "2020-01-31"));
    assert!(has("G7", "RUS", "Suspended", "2014-03-24"));
    assert!(has("CIS", "GEO", "Withdrawn", "2009-08-18"));
    let yugoslavia = only(&rows, "state", "YUG");
    assert_eq!(yugoslavia["until"], "2000-11-10");
    assert!(rows.iter().all(|r| r["status"] != term("FullMember")));
    assert!(column(&rows, "organisation").contains(&id("CSTO")));
}

#[test]
fn attacks_on_treaty_partners() {
    let rows = ask("attacks-on-treaty-partners", None);
    let row = |event: &str| only(&rows, "event", event);
    let crimea = row("RussianOccupationOfCrimea2014");
    assert_eq!(
        [crimea["aggressor"].as_str(), crimea["target"].as_str()],
        [id("RUS"), id("UKR")]
    );
    assert!(crimea["agreements"].contains("Big Treaty"));
    assert!(crimea["agreements"].contains("Budapest Memorandum"));
    // The Big Treaty had ended by 2022.
    assert!(!row("RussianInvasionOfUkraine2022")["agreements"].contains("Big Treaty"));
    assert_eq!(
        row("AzerbaijaniAttackOnArmenia2022")["aggressor"],
        id("AZE")
    );
}

#[test]
fn ukraine_security_agreements_since_2023() {
    let rows = ask("ukraine-security-agreements", None);
    assert!(rows.iter().all(|r| r["signed"].as_str() >= "2023-01-01"));
    let agreements = column(&rows, "agreement");
    for agreement in [
        "G7JointDeclarationUkraine",
        "UKUkraineSecurityAgreement2024",
        "USUkraineSecurityAgreement2024",
        "GermanyUkraineSecurityAgreement2024",
    ] {
        assert!(agreements.contains(&id(agreement)), "{agreement} missing");
    }
    let uk = only(&rows, "agreement", "UKUkraineSecurityAgreement2024");
    assert_eq!(uk["partners"], "United Kingdom");
    assert!(uk["pledges"].contains("consultation"));

    // The EU's commitments are made by the organisation, not by its member states.
    let eu = only(&rows, "agreement", "EUUkraineSecurityCommitments2024");
    assert_eq!(eu["partners"], "EU");
    assert!(eu["pledges"].contains("consultation"));
    // Poland's agreement is entered, but no source confirmed a consultation clause in it, so
    // it pledges nothing pacta codes.
    let poland = only(&rows, "agreement", "PolandUkraineSecurityAgreement2024");
    assert_eq!(poland.get("pledges").map_or("", String::as_str), "");
    let japan = only(&rows, "agreement", "JapanUkraineSecurityAgreement2024");
    assert_eq!(japan["signed"], "2024-06-13");
}

#[test]
fn turkmenistan_is_only_an_associate_of_the_cis_after_2005() {
    let turkmenistan = |day: &str| {
        only(&ask("state-organisations-on", Some(day)), "state", "TKM")["organisations"].clone()
    };
    assert!(turkmenistan("2004-01-01").contains("CIS"));
    // An associate takes part without being a member, so the question leaves the CIS out.
    assert!(!turkmenistan("2010-01-01").contains("CIS"));
}

#[test]
fn membership_applications_and_the_wait_to_join() {
    let rows = ask("membership-applications", None);
    let application = |state: &str, organisation: &str| {
        rows.iter()
            .find(|r| r["state"] == id(state) && r["organisation"] == id(organisation))
            .unwrap_or_else(|| panic!("{state} -> {organisation} missing: {rows:?}"))
    };
    let finland = application("FIN", "NATO");
    assert_eq!(finland["applied"], "2022-05-18");
    assert_eq!(finland["joined"], "2023-04-04");
    assert_eq!(finland["days"], "321");
    assert_eq!(application("SWE", "NATO")["days"], "659");
    // Ukraine has applied to both and joined neither.
    for organisation in ["NATO", "EU"] {
        assert!(!application("UKR", organisation).contains_key("joined"));
    }
}
