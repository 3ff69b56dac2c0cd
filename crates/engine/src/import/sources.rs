//! Files as they come, told apart by content: a workbook, a Parquet file, a `.zip` of several tables,
//! or text (CSV, XES, gzip), for the command line and the app's reader worker alike.
//!
//! - One workbook or Parquet file streams into the ordinary [`Importer`] as CSV text
//!   ([`import_workbook`], [`import_parquet`]): no cell grid, and detection, the mapping and the report
//!   stay those of a CSV file.
//! - Several files, or a `.zip` of several, become [`Table`]s ([`tables_from_file`]) that
//!   [`super::tables`] joins into one log ([`import_tables`]).
//!
//! A `.zip` is bounded: at most [`MAX_ZIP_ENTRIES`] tables, each at most [`MAX_ZIP_ENTRY`] unpacked
//! (zip enforces the declared sizes while unpacking), no zip inside a zip.

use super::error::Error;
use super::tables::{join, propose, DataModel, JoinReport, Table};
use super::xlsx::{is_workbook, Workbook};
use super::{ImportOptions, Imported, Importer, Message};
use std::io::{Cursor, Read, Seek};

/// Tables a `.zip` may hold.
pub const MAX_ZIP_ENTRIES: usize = 100;
/// Largest unpacked table in a `.zip`.
pub const MAX_ZIP_ENTRY: u64 = 2 << 30;
/// CSV bytes written per step when a sheet streams into the importer.
pub const STEP_BYTES: usize = 4 << 20;

/// What a file is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// An Excel or OpenDocument workbook.
    Workbook,
    /// A Parquet file.
    Parquet,
    /// A zip that is not a workbook: a bundle of tables.
    Zip,
    /// CSV, XES or gzip text: the ordinary importer.
    Text,
}

/// The kind of a file held in memory.
pub fn source_kind(bytes: &[u8]) -> SourceKind {
    source_kind_of(&mut Cursor::new(bytes)).unwrap_or(SourceKind::Text)
}

/// The kind of a file from its first bytes and, for zips, its entries; reads from the start and
/// leaves the reader anywhere.
pub fn source_kind_of<RS: Read + Seek>(rs: &mut RS) -> Result<SourceKind, Error> {
    let mut head = [0u8; 8];
    let mut n = 0;
    while n < head.len() {
        match rs.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(Error::Io(e.to_string())),
        }
    }
    let head = &head[..n];
    if head.starts_with(b"PAR1") {
        return Ok(SourceKind::Parquet);
    }
    if head.starts_with(b"PK\x03\x04") {
        rs.seek(std::io::SeekFrom::Start(0))
            .map_err(|e| Error::Io(e.to_string()))?;
        // A workbook names its workbook part; anything else is a bundle of tables.
        let Ok(mut z) = zip::ZipArchive::new(rs) else {
            return Ok(SourceKind::Workbook);
        };
        let workbook = (0..z.len()).any(|i| {
            z.by_index_raw(i).is_ok_and(|f| {
                matches!(
                    f.name().ok().as_deref(),
                    Some("xl/workbook.xml" | "xl/workbook.bin" | "content.xml")
                )
            })
        });
        return Ok(if workbook {
            SourceKind::Workbook
        } else {
            SourceKind::Zip
        });
    }
    if is_workbook(head) {
        return Ok(SourceKind::Workbook);
    }
    Ok(SourceKind::Text)
}

/// A file's name without its directory and last extension (`dir/Open items.xlsx` → `Open items`).
pub fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = base.strip_suffix(".gz").unwrap_or(base);
    match base.rfind('.') {
        Some(i) if i > 0 => base[..i].to_string(),
        _ => base.to_string(),
    }
}

/// The files inside a `.zip` of tables, as (name, bytes), in the zip's order; folders, hidden files
/// and `__MACOSX` entries are skipped.
pub fn zip_entries(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::Invalid(format!("not a readable zip file: {e}")))?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z
            .by_index(i)
            .map_err(|e| Error::Invalid(format!("broken zip entry: {e}")))?;
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        let base = name.rsplit('/').next().unwrap_or("");
        if f.is_dir() || base.is_empty() || base.starts_with('.') || name.starts_with("__MACOSX") {
            continue;
        }
        if out.len() >= MAX_ZIP_ENTRIES {
            return Err(Error::Invalid(format!(
                "the zip holds more than {MAX_ZIP_ENTRIES} files: unpack it and open the tables you need"
            )));
        }
        if f.size() > MAX_ZIP_ENTRY {
            return Err(Error::Invalid(format!(
                "\"{}\" in the zip would unpack to {} bytes, more than {MAX_ZIP_ENTRY}: refused",
                super::report::clip(&name),
                f.size()
            )));
        }
        let mut data = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut data).map_err(|e| {
            Error::Invalid(format!(
                "\"{}\" in the zip: {e}",
                super::report::clip(&name)
            ))
        })?;
        if source_kind(&data) == SourceKind::Zip {
            return Err(Error::Invalid(format!(
                "\"{}\" is a zip inside the zip: unpack it first",
                super::report::clip(&name)
            )));
        }
        out.push((name, data));
    }
    if out.is_empty() {
        return Err(Error::Invalid("the zip holds no file".into()));
    }
    Ok(out)
}

/// The tables of one file: a CSV file or a Parquet file is one table, a workbook one table (the sheet
/// named, or the one that looks most like a table), a `.zip` one table per file inside. Errors name the
/// file (and the sheet).
pub fn tables_from_file(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<Vec<Table>, Error> {
    let named = |e: Error| Error::Invalid(format!("{name}: {e}"));
    match source_kind(&bytes) {
        SourceKind::Zip => {
            let mut all = Vec::new();
            for (inner, data) in zip_entries(&bytes).map_err(named)? {
                let label = format!("{name}/{inner}");
                for t in tables_from_file(&inner, data, sheet)
                    .map_err(|e| Error::Invalid(format!("{label}: {e}")))?
                {
                    all.push(t);
                }
            }
            Ok(all)
        }
        SourceKind::Workbook => {
            let mut wb = Workbook::open(Cursor::new(bytes)).map_err(named)?;
            let sheet = pick_sheet(&mut wb, sheet).map_err(named)?;
            Ok(vec![wb.table(&sheet, &stem(name)).map_err(named)?])
        }
        #[cfg(feature = "parquet")]
        SourceKind::Parquet => Ok(vec![super::parquet::ParquetRows::from_vec(bytes)
            .and_then(|p| p.into_table(&stem(name)))
            .map_err(named)?]),
        #[cfg(not(feature = "parquet"))]
        SourceKind::Parquet => Err(named(Error::Invalid(
            "Parquet files are not supported by this build".into(),
        ))),
        SourceKind::Text => {
            let text = inflate_if_gzip(bytes).map_err(named)?;
            if super::detect::detect_format(&text) == super::Format::Xes {
                return Err(named(Error::Invalid(
                    "an XES log cannot be joined with other tables: open it on its own".into(),
                )));
            }
            Ok(vec![Table::from_csv(&stem(name), &text).map_err(named)?])
        }
    }
}

fn inflate_if_gzip(bytes: Vec<u8>) -> Result<Vec<u8>, Error> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .take(MAX_ZIP_ENTRY)
        .read_to_end(&mut out)
        .map_err(|e| Error::Gzip(e.to_string()))?;
    Ok(out)
}

/// The sheet to read: the one named (an error listing the sheets when there is none of that name), or
/// the preselected one.
pub fn pick_sheet<RS: Read + Seek>(
    wb: &mut Workbook<RS>,
    sheet: Option<&str>,
) -> Result<String, Error> {
    let names: Vec<String> = wb.sheets().into_iter().map(|s| s.name).collect();
    if let Some(s) = sheet {
        return names
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(s.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "no sheet named \"{s}\"; the workbook has {}",
                    names
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            });
    }
    let (_, pick) = wb.preselect()?;
    pick.and_then(|i| names.get(i).cloned())
        .ok_or_else(|| Error::Invalid("no sheet of the workbook holds a table".into()))
}

/// Streams one sheet of a workbook into the importer (see the module documentation); returns the
/// import and the sheet read.
pub fn import_workbook<RS: Read + Seek>(
    rs: RS,
    sheet: Option<&str>,
    opts: ImportOptions,
) -> Result<(Imported, String), Error> {
    let mut wb = Workbook::open(rs)?;
    let sheet = pick_sheet(&mut wb, sheet)?;
    let mut rows = wb.rows(&sheet)?;
    let imp = feed_in_steps(opts, |buf, first| rows.write_csv(buf, first, STEP_BYTES))?;
    let notes = rows.notes();
    drop(rows);
    let mut imported = imp.finish()?;
    imported.report.say(
        Message::new(
            "imp-read-sheet",
            format!("read from sheet \"{sheet}\" of the workbook"),
        )
        .arg("sheet", &sheet),
    );
    for n in notes {
        imported.report.say(n);
    }
    Ok((imported, sheet))
}

/// Streams a Parquet file into the importer.
#[cfg(feature = "parquet")]
pub fn import_parquet<R: parquet::file::reader::ChunkReader + 'static>(
    reader: R,
    opts: ImportOptions,
) -> Result<Imported, Error> {
    let mut rows = super::parquet::ParquetRows::open(reader)?;
    let imp = feed_in_steps(opts, |buf, first| rows.write_csv(buf, first, STEP_BYTES))?;
    let mut imported = imp.finish()?;
    for n in rows.notes() {
        imported.report.say(n);
    }
    Ok(imported)
}

/// Feeds an importer the CSV that `write` puts into a buffer one step at a time (`first`: the step
/// that starts with the header), until it says no rows remain: a sheet or a Parquet file read in
/// bounded chunks.
#[cfg(any(feature = "xlsx", feature = "parquet"))]
fn feed_in_steps(
    opts: ImportOptions,
    mut write: impl FnMut(&mut Vec<u8>, bool) -> Result<(u64, bool), Error>,
) -> Result<Importer, Error> {
    let mut imp = Importer::new(opts);
    let mut buf = Vec::with_capacity(STEP_BYTES + 64 * 1024);
    let mut first = true;
    loop {
        buf.clear();
        let (_, more) = write(&mut buf, first)?;
        first = false;
        imp.feed(&buf)?;
        if !more {
            return Ok(imp);
        }
    }
}

/// Several tables joined into one log: with the model given, or the proposed one. `opts` may name more
/// column roles (by the joined log's column names) and the day/month order; its case, activity and
/// timestamp come from the join.
pub fn import_tables(
    tables: &[Table],
    model: Option<&DataModel>,
    opts: ImportOptions,
) -> Result<(Imported, DataModel, JoinReport), Error> {
    let model = match model {
        Some(m) => m.clone(),
        None => propose(tables)?,
    };
    let joined = join(tables, &model)?;
    let mut o = joined.options.clone();
    for (col, role) in opts.roles {
        if !o.roles.iter().any(|(c, r)| *c == col || *r == role) {
            o.roles.push((col, role));
        }
    }
    o.date_order = opts.date_order;
    o.core_only = opts.core_only;
    o.complete_only = opts.complete_only;
    put_table_notes_first(&mut o, tables, &model);
    let imported = super::import_bytes(&joined.csv, o)?;
    Ok((imported, model, joined.report))
}

/// Puts what reading the tables and proposing the model noted before the notes already in `opts` (the
/// join's), so the import report tells them in the order they happened.
pub fn put_table_notes_first(opts: &mut ImportOptions, tables: &[Table], model: &DataModel) {
    let mut notes: Vec<Message> = tables.iter().flat_map(|t| t.notes.clone()).collect();
    notes.extend(model.notes.iter().cloned());
    notes.append(&mut opts.notes);
    opts.notes = notes;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_kinds() {
        assert_eq!(stem("dir/Open items.xlsx"), "Open items");
        assert_eq!(stem("C:\\x\\log.csv.gz"), "log");
        assert_eq!(stem("noext"), "noext");
        assert_eq!(source_kind(b"PAR1...."), SourceKind::Parquet);
        assert_eq!(source_kind(b"case,activity\n"), SourceKind::Text);
        assert_eq!(
            source_kind(&[0xD0, 0xCF, 0x11, 0xE0, 0]),
            SourceKind::Workbook
        );
    }
}
