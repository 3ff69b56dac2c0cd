use super::*;

fn table(name: &str, csv: &str) -> Table {
    Table::from_csv(name, csv.as_bytes()).unwrap()
}

#[test]
fn a_wide_and_a_long_table_share_their_key() {
    let items = table(
            "open_items",
            "Belegnummer;Kunde;Rechnungsdatum;Betrag\nR1;Alpha;01.02.2024;100\nR2;Beta;03.02.2024;200\n",
        );
    let dunning = table(
        "dunning",
        "Beleg;Mahndatum;Stufe\nR1;01.03.2024;1\nR1;15.03.2024;2\nR9;20.03.2024;1\n",
    );
    let m = propose(&[dunning.clone(), items.clone()]).unwrap();
    assert_eq!(
        m.tables[0].name, "open_items",
        "the wide table is the main one"
    );
    assert_eq!(m.tables[0].shape, Shape::Wide);
    assert_eq!(m.tables[0].key(), Some("Belegnummer"));
    assert_eq!(m.tables[1].shape, Shape::Long);
    assert_eq!(m.tables[1].key(), Some("Beleg"));
    assert_eq!(
        m.tables[0].columns[2].usage,
        ColumnUse::Event {
            activity: "Rechnungsdatum".into()
        }
    );
    // One date and no activity column: the event is named after the table.
    assert_eq!(
        m.tables[1].columns[1].usage,
        ColumnUse::Event {
            activity: "dunning".into()
        }
    );
    let j = join(&[items, dunning], &m).unwrap();
    let text = String::from_utf8(j.csv).unwrap();
    assert_eq!(
        text,
        "Belegnummer,activity,timestamp,Kunde,Betrag,Stufe\n\
             R1,Rechnungsdatum,01.02.2024,Alpha,100,\n\
             R1,dunning,01.03.2024,Alpha,100,1\n\
             R1,dunning,15.03.2024,Alpha,100,2\n\
             R2,Rechnungsdatum,03.02.2024,Beta,200,\n\
             R9,dunning,20.03.2024,,,1\n"
    );
    assert_eq!(j.report.events, 5);
    assert_eq!(j.report.orphans.len(), 1);
    assert_eq!(j.report.orphans[0].examples, ["R9"]);
    assert!(j.report.notes[0]
        .text
        .contains("dunning: 1 keys (1 rows) are not in open_items"));
}

#[test]
fn tables_without_a_shared_key_are_an_error_naming_them() {
    let a = table("a", "id,when\nX1,2024-01-01\nX2,2024-01-02\n");
    let b = table("b", "ref,when\nY1,2024-01-01\nY2,2024-01-02\n");
    let e = propose(&[a, b]).unwrap_err().to_string();
    assert!(e.contains("a shares no key with b"), "{e}");
}

#[test]
fn repeats_in_a_wide_table_and_unreadable_dates_are_reported() {
    let mut rows = String::from("inv,created,amount\n");
    for i in 0..200 {
        rows.push_str(&format!("I{i},2024-01-{:02},{i}\n", i % 28 + 1));
    }
    rows.push_str("I5,2024-02-01,99\n");
    let items = table("items", &rows);
    let mut pay = String::from("inv,paid\n");
    for i in 0..9 {
        pay.push_str(&format!("I{i},2024-03-{:02}\n", i + 1));
    }
    pay.push_str("I9,not a date\n");
    let pay = table("payments", &pay);
    let m = propose(&[items.clone(), pay.clone()]).unwrap();
    assert_eq!(m.tables[0].shape, Shape::Wide);
    let j = join(&[items, pay], &m).unwrap();
    assert_eq!(j.report.repeated[0].examples, ["I5"]);
    assert_eq!(j.report.unreadable_dates, 1);
    assert_eq!(j.report.unreadable_examples[0].row, 11);
    assert_eq!(j.report.unreadable_examples[0].value, "not a date");
    // 201 creations and 9 payments.
    assert_eq!(j.report.events, 210);
}

#[test]
fn cells_are_written_as_the_importer_reads_them() {
    assert_eq!(Cell::Number(30.0).text(), "30");
    assert_eq!(Cell::Number(1542.44).text(), "1542.44");
    assert_eq!(Cell::Time(86_400_000).text(), "1970-01-02");
    assert_eq!(
        Cell::Time(86_400_000 + 3_600_500).text(),
        "1970-01-02T01:00:00.500"
    );
    assert_eq!(Cell::Instant(0).text(), "1970-01-01T00:00:00Z");
    let mut out = Vec::new();
    write_row(&mut out, ["a,b", "say \"hi\"", "x"].into_iter());
    assert_eq!(out, b"\"a,b\",\"say \"\"hi\"\"\",x\n");
}
