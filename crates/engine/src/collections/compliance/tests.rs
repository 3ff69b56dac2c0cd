use super::*;
use crate::collections::facts::Context;
use crate::filter::Selection;

const RULE: &str = r#"{"id": "r", "title": "Call within hours", "source": "policy", "note": "Local time.",
        "translations": {"fr": {"title": "Appeler aux heures ouvrées", "source": "politique", "note": "Heure locale."}},
        "kind": "level_order"}"#;

fn pack(rule: &str, translations: &str) -> Result<RulePack, Error> {
    RulePack::from_json(&format!(
        r#"{{"name": "Policy", "rules": [{rule}], "translations": {translations}}}"#
    ))
}

/// Every built-in rule and pack speaks French: a French consultant shows them to a French client.
#[test]
fn every_built_in_rule_and_pack_has_its_french_words() {
    let packs = builtin_packs();
    assert_eq!(packs.len(), 3, "a built-in pack failed to parse");
    for p in &packs {
        let fr = p.translations.get("fr").expect(&p.name);
        assert!(
            !fr.name.is_empty() && !fr.description.is_empty(),
            "{}",
            p.name
        );
        for r in &p.rules {
            let t = r
                .translations
                .get("fr")
                .unwrap_or_else(|| panic!("{}", r.id));
            assert_ne!(t.title, r.title, "{}", r.id);
            assert_eq!(t.note.is_empty(), r.note.is_empty(), "{}", r.id);
            assert!(!t.source.is_empty(), "{}: no French source", r.id);
        }
    }
}

#[test]
fn a_pack_carries_its_translations_through_json_and_results() {
    let p = pack(RULE, r#"{"fr": {"name": "Politique"}}"#).unwrap();
    let back = RulePack::from_json(&p.to_json()).unwrap();
    assert_eq!(back, p);
    assert_eq!(p.name_in(Language::Fr), "Politique");
    assert_eq!(p.name_in(Language::En), "Policy");

    let csv = "case,activity,timestamp\na,Reminder 2 sent,2024-01-01T00:00:00Z\n";
    let log = crate::import::import_bytes(csv.as_bytes(), Default::default())
        .unwrap()
        .log;
    let map = crate::collections::RoleMap::guess(&log);
    let ctx = Context::new(&log, &map);
    let results = check(&ctx, &Selection::all(&log), &p, &[]);
    let r = &results[0];
    assert_eq!(r.title_in(Language::Fr), "Appeler aux heures ouvrées");
    assert_eq!(r.title_in(Language::En), "Call within hours");
    assert_eq!(r.source_in(Language::Fr), "politique");
    assert_eq!(r.source_in(Language::En), "policy");
    assert_eq!(r.pack_in(Language::Fr), "Politique");
    assert_eq!(r.notes_in(Language::Fr)[0], "Heure locale.");
    assert_eq!(r.notes_in(Language::En)[0], "Local time.");
    assert_eq!(r.notes_in(Language::Fr).len(), r.notes.len());
}

#[test]
fn bad_translations_are_refused_with_the_place_named() {
    let e = pack(RULE, r#"{"French": {"name": "Politique"}}"#).unwrap_err();
    assert!(
        e.to_string().contains("\"French\" is not a language code"),
        "{e}"
    );
    let no_note = RULE.replace(r#""note": "Local time.","#, "");
    let e = pack(&no_note, "{}").unwrap_err();
    assert!(e.to_string().contains("rule \"r\""), "{e}");
    assert!(e.to_string().contains("translated \"note\""), "{e}");
    let empty = RULE.replace("Appeler aux heures ouvrées", " ");
    assert!(pack(&empty, "{}").is_err());
}
