//! Excel and OpenDocument workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), read with `calamine`.
//!
//! A sheet becomes rows of typed [`Cell`]s: date cells become naive date-times (Excel stores no time
//! zone; the importer reads them as UTC and says so), numbers stay numbers, text stays text (text that
//! holds dates goes through the importer's timestamp detection like a CSV field), formula cells give
//! their cached value, error cells (`#N/A`) are empty and counted.
//!
//! - **Streaming**: `.xlsx`/`.xlsm` sheets are read cell by cell ([`SheetRows`]), so a 1,000,000-row
//!   sheet never holds its cell grid; `.xlsb`, `.xls` and `.ods` are loaded sheet by sheet (calamine
//!   exports no streaming reader for them; `.xls` stops at 65,536 rows anyway).
//! - **Header**: the first of the first [`HEADER_SCAN`] rows whose cells are all text and fill at least
//!   half the widest row ([`find_header`]): title rows above a table are skipped and named in a note.
//!   Empty header cells (merged headers keep their text in the first cell) are named `Column N`.
//! - **Sheet**: [`Workbook::preselect`] picks the sheet that looks most like a table (rows under a
//!   header of several columns, a date column), never a one-column legend or cover sheet.
//! - **Bounds**: a sheet's declared size (its `<dimension>` may claim a million columns) is never
//!   trusted; rows are as wide as their cells, at most [`MAX_COLUMNS`] (Excel's own limit); cells right
//!   of the table's last column are counted and named in a note. Zip entries that would unpack to more
//!   than [`MAX_UNPACKED`], or to more than [`MAX_RATIO`] times their packed size past 256 MiB (a zip
//!   bomb), and a shared-string table that claims more strings than its bytes can hold, are refused
//!   before calamine reads them.
//! - Password-protected and broken workbooks are errors that say so.

use super::error::Error;
use super::report::Message;
use super::tables::{unique_columns, write_rows, Cell, Table};
use crate::calendar::Civil;
use calamine::{Data, DataRef, Reader, SheetVisible};
use std::collections::VecDeque;
use std::io::{Read, Seek, SeekFrom};

/// Rows looked at to find the header.
pub const HEADER_SCAN: usize = 50;
/// Columns a row can have (Excel's limit, 16,384).
pub const MAX_COLUMNS: usize = 16_384;
/// Largest unpacked size of one zip entry.
pub const MAX_UNPACKED: u64 = 16 << 30;
/// Largest unpacked/packed ratio of an entry over 256 MiB: real sheets pack 5 to 50 times.
pub const MAX_RATIO: u64 = 250;

/// Which workbook format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkbookKind {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// Excel 97-2003 (`.xls`).
    Xls,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

/// A sheet of a workbook.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SheetInfo {
    /// Its name.
    pub name: String,
    /// Whether Excel shows it.
    pub visible: bool,
    /// Whether it is a worksheet (not a chart or a macro sheet).
    pub worksheet: bool,
}

/// What the first rows of a sheet look like, for the sheet picker.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SheetGlance {
    /// The sheet.
    pub name: String,
    /// Columns of the header found (empty: none).
    pub columns: Vec<String>,
    /// Data rows among the first rows read.
    pub rows: usize,
    /// Whether a column holds dates.
    pub has_dates: bool,
    /// How much it looks like a table (higher is more).
    pub score: u32,
}

/// Whether the bytes start like a workbook (zip or OLE compound file) rather than text.
pub fn is_workbook(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// An open workbook.
pub struct Workbook<RS: Read + Seek> {
    sheets: calamine::Sheets<RS>,
    kind: WorkbookKind,
}

fn err(what: impl std::fmt::Display) -> Error {
    Error::Invalid(what.to_string())
}

fn sheet_err(sheet: &str, what: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("sheet \"{sheet}\": {what}"))
}

/// Checks the zip entries' declared sizes (zip enforces them while unpacking) and the shared-string
/// count before calamine allocates for them.
fn check_zip<RS: Read + Seek>(rs: &mut RS) -> Result<WorkbookKind, Error> {
    let mut zip = zip::ZipArchive::new(&mut *rs).map_err(|e| {
        err(format!(
            "not a readable workbook (broken zip container: {e})"
        ))
    })?;
    let mut kind = None;
    let mut shared: Option<(usize, u64)> = None;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| err(format!("broken workbook entry: {e}")))?;
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        let (size, packed) = (f.size(), f.compressed_size());
        if size > MAX_UNPACKED || (size > 256 << 20 && size > packed.saturating_mul(MAX_RATIO)) {
            return Err(err(format!(
                "the workbook part \"{}\" would unpack to {size} bytes from {packed} bytes: refused (a \
                 zip bomb, or more than a workbook can hold)",
                super::report::clip(&name)
            )));
        }
        match name.as_str() {
            "xl/workbook.xml" => kind = Some(WorkbookKind::Xlsx),
            "xl/workbook.bin" => kind = Some(WorkbookKind::Xlsb),
            "content.xml" if kind.is_none() => kind = Some(WorkbookKind::Ods),
            "xl/sharedStrings.xml" => shared = Some((i, size)),
            _ => {}
        }
    }
    if let Some((i, size)) = shared {
        let mut head = Vec::new();
        let f = zip
            .by_index(i)
            .map_err(|e| err(format!("broken workbook entry: {e}")))?;
        f.take(4096)
            .read_to_end(&mut head)
            .map_err(|e| err(format!("broken shared strings: {e}")))?;
        let text = String::from_utf8_lossy(&head);
        if let Some(at) = text.find("uniqueCount=\"") {
            let digits: String = text[at + 13..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let n: u64 = digits.parse().unwrap_or(u64::MAX);
            // `<si><t/></si>` is 13 bytes: a count beyond size/13 cannot be true.
            if n > size / 13 + 1 {
                return Err(err(format!(
                    "the workbook's shared strings claim {n} strings in {size} bytes: refused (a broken \
                     or hostile file)"
                )));
            }
        }
    }
    kind.ok_or_else(|| err("a zip file, but not an Excel or OpenDocument workbook"))
}

impl<RS: Read + Seek> Workbook<RS> {
    /// Opens a workbook from its bytes (any of the formats above, told apart by content).
    pub fn open(mut rs: RS) -> Result<Workbook<RS>, Error> {
        let mut magic = [0u8; 4];
        rs.read_exact(&mut magic)
            .map_err(|_| err("too short to be a workbook"))?;
        rs.seek(SeekFrom::Start(0))
            .map_err(|e| Error::Io(e.to_string()))?;
        let kind = if magic == *b"PK\x03\x04" {
            let k = check_zip(&mut rs)?;
            rs.seek(SeekFrom::Start(0))
                .map_err(|e| Error::Io(e.to_string()))?;
            k
        } else if magic == [0xD0, 0xCF, 0x11, 0xE0] {
            WorkbookKind::Xls
        } else {
            return Err(err("not an Excel or OpenDocument workbook"));
        };
        let password =
            "the workbook is password-protected: save a copy without a password and open that";
        let sheets = match kind {
            WorkbookKind::Xlsx => calamine::Xlsx::new(rs)
                .map(calamine::Sheets::Xlsx)
                .map_err(|e| match e {
                    calamine::XlsxError::Password => err(password),
                    e => err(format!("cannot read the workbook: {e}")),
                })?,
            WorkbookKind::Xlsb => calamine::Xlsb::new(rs)
                .map(calamine::Sheets::Xlsb)
                .map_err(|e| match e {
                    calamine::XlsbError::Password => err(password),
                    e => err(format!("cannot read the workbook: {e}")),
                })?,
            WorkbookKind::Ods => {
                calamine::Ods::new(rs)
                    .map(calamine::Sheets::Ods)
                    .map_err(|e| match e {
                        calamine::OdsError::Password => err(password),
                        e => err(format!("cannot read the workbook: {e}")),
                    })?
            }
            WorkbookKind::Xls => {
                // An encrypted .xlsx is an OLE file holding an `EncryptedPackage`.
                match calamine::Xlsx::new(&mut rs) {
                    Err(calamine::XlsxError::Password) => return Err(err(password)),
                    _ => {
                        rs.seek(SeekFrom::Start(0))
                            .map_err(|e| Error::Io(e.to_string()))?;
                    }
                }
                calamine::Xls::new(rs)
                    .map(calamine::Sheets::Xls)
                    .map_err(|e| match e {
                        calamine::XlsError::Password => err(password),
                        e => err(format!("cannot read the workbook: {e}")),
                    })?
            }
        };
        Ok(Workbook { sheets, kind })
    }

    /// The format.
    pub fn kind(&self) -> WorkbookKind {
        self.kind
    }

    /// The sheets, in workbook order.
    pub fn sheets(&self) -> Vec<SheetInfo> {
        self.sheets
            .sheets_metadata()
            .iter()
            .map(|s| SheetInfo {
                name: s.name.clone(),
                visible: s.visible == SheetVisible::Visible,
                worksheet: s.typ == calamine::SheetType::WorkSheet,
            })
            .collect()
    }

    /// What the first rows of each worksheet look like, and the index (in [`sheets`](Self::sheets)) of
    /// the one that looks most like a log or a table: most data rows under a header of two or more
    /// columns, a date column, visible. `None` when no sheet has a table.
    pub fn preselect(&mut self) -> Result<(Vec<SheetGlance>, Option<usize>), Error> {
        let sheets = self.sheets();
        let mut glances = Vec::new();
        let mut best: Option<(u32, usize)> = None;
        for (i, s) in sheets.iter().enumerate() {
            let mut g = SheetGlance {
                name: s.name.clone(),
                ..Default::default()
            };
            if s.worksheet {
                if let Ok(mut rows) = self.rows(&s.name) {
                    g.columns = rows.columns().to_vec();
                    let mut data = Vec::new();
                    while data.len() < HEADER_SCAN {
                        match rows.next_row() {
                            Ok(Some((_, r))) => data.push(r),
                            _ => break,
                        }
                    }
                    g.rows = data.len();
                    g.has_dates = (0..g.columns.len()).any(|c| {
                        let filled: Vec<&Cell> = data
                            .iter()
                            .filter_map(|r| r.get(c))
                            .filter(|x| !x.is_empty())
                            .collect();
                        !filled.is_empty()
                            && filled.iter().filter(|x| is_date_cell(x)).count() * 5
                                >= filled.len() * 4
                    });
                    let width = g.columns.len().min(20) as u32;
                    if width >= 2 && g.rows >= 1 {
                        g.score = g.rows as u32 * width
                            + if g.has_dates { 1000 } else { 0 }
                            + if s.visible { 500 } else { 0 };
                    }
                }
            }
            if g.score > 0 && best.is_none_or(|(b, _)| g.score > b) {
                best = Some((g.score, i));
            }
            glances.push(g);
        }
        Ok((glances, best.map(|(_, i)| i)))
    }

    /// The rows of a sheet, after its header.
    pub fn rows(&mut self, sheet: &str) -> Result<SheetRows<'_, RS>, Error> {
        let source = match &mut self.sheets {
            calamine::Sheets::Xlsx(x) => Source::Xlsx(Box::new(
                x.worksheet_cells_reader(sheet)
                    .map_err(|e| sheet_err(sheet, e))?,
            )),
            other => {
                let range = other
                    .worksheet_range(sheet)
                    .map_err(|e| sheet_err(sheet, e))?;
                Source::Range { range, next: 0 }
            }
        };
        SheetRows::new(sheet, source)
    }

    /// A whole sheet as a table named `name`.
    pub fn table(&mut self, sheet: &str, name: &str) -> Result<Table, Error> {
        let mut rows = self.rows(sheet)?;
        let mut t = Table {
            name: name.to_string(),
            columns: rows.columns().to_vec(),
            ..Default::default()
        };
        while let Some((n, row)) = rows.next_row()? {
            t.rows.push(row);
            t.row_numbers.push(n);
        }
        t.notes = rows.notes();
        Ok(t)
    }
}

fn is_date_cell(c: &Cell) -> bool {
    match c {
        Cell::Time(_) | Cell::Instant(_) => true,
        Cell::Text(t) => super::timestamp::looks_like_timestamp(t.trim()),
        _ => false,
    }
}

enum Source<'a, RS: Read + Seek> {
    // Boxed: the streaming reader is large next to a range.
    Xlsx(Box<calamine::XlsxCellReader<'a, RS>>),
    Range {
        range: calamine::Range<Data>,
        next: usize,
    },
}

/// Converts an Excel date serial to a naive date-time; out-of-range serials stay numbers.
fn excel_time(d: &calamine::ExcelDateTime) -> Cell {
    let v = d.as_f64();
    if d.is_duration() || !(0.0..2_958_466.0).contains(&v) {
        return Cell::Number(v);
    }
    let (year, month, day, hour, minute, second, milli) = d.to_ymd_hms_milli();
    Cell::Time(
        Civil {
            year: year as i64,
            month: month as u32,
            day: day as u32,
            hour: hour as u32,
            minute: minute as u32,
            second: second as u32,
            milli: milli as u32,
        }
        .to_ms(),
    )
}

/// One cell as [`Cell`], counting error cells.
fn cell_ref(v: &DataRef<'_>, errors: &mut u64) -> Cell {
    match v {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => excel_time(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(_) => {
            *errors += 1;
            Cell::Empty
        }
        DataRef::Empty => Cell::Empty,
    }
}

fn cell_data(v: &Data, errors: &mut u64) -> Cell {
    match v {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => text_cell(s),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => excel_time(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s),
        Data::Error(_) => {
            *errors += 1;
            Cell::Empty
        }
        Data::Empty => Cell::Empty,
    }
}

fn text_cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

/// The rows of one sheet under its header, read as they stream from the file.
pub struct SheetRows<'a, RS: Read + Seek> {
    sheet: String,
    source: Source<'a, RS>,
    /// The first cell of the next row, read ahead while finishing the previous one.
    pending: Option<(u32, u32, Cell)>,
    /// Rows read while looking for the header, not yet returned.
    ahead: VecDeque<(u64, Vec<Cell>)>,
    columns: Vec<String>,
    /// Cells right of the last column, and of [`MAX_COLUMNS`].
    cut_cells: u64,
    errors: u64,
    skipped_title_rows: usize,
    header_row: u64,
    empty_headers: usize,
    done: bool,
}

impl<'a, RS: Read + Seek> SheetRows<'a, RS> {
    fn new(sheet: &str, source: Source<'a, RS>) -> Result<Self, Error> {
        let mut s = SheetRows {
            sheet: sheet.to_string(),
            source,
            pending: None,
            ahead: VecDeque::new(),
            columns: Vec::new(),
            cut_cells: 0,
            errors: 0,
            skipped_title_rows: 0,
            header_row: 1,
            empty_headers: 0,
            done: false,
        };
        while s.ahead.len() < HEADER_SCAN {
            match s.raw_row(MAX_COLUMNS)? {
                Some(r) => s.ahead.push_back(r),
                None => break,
            }
        }
        let rows: Vec<&Vec<Cell>> = s.ahead.iter().map(|(_, r)| r).collect();
        let header = find_header(&rows);
        let width = match header {
            Some(h) => {
                // The header's extent, and past it the columns filled in at least half the rows read
                // (the right half of a merged header cell); a stray far-right cell is not a column.
                let data = &rows[h + 1..];
                let mut w = rows[h]
                    .iter()
                    .rposition(|c| !c.is_empty())
                    .map_or(0, |p| p + 1);
                while !data.is_empty()
                    && data
                        .iter()
                        .filter(|r| r.get(w).is_some_and(|c| !c.is_empty()))
                        .count()
                        * 2
                        >= data.len()
                {
                    w += 1;
                }
                let names: Vec<String> = (0..w)
                    .map(|c| {
                        rows[h]
                            .get(c)
                            .map(|x| x.text().trim().to_string())
                            .unwrap_or_default()
                    })
                    .collect();
                s.empty_headers = names.iter().filter(|n| n.is_empty()).count();
                s.columns = names;
                s.skipped_title_rows = h;
                s.header_row = s.ahead.get(h).map_or(1, |r| r.0);
                for _ in 0..=h {
                    s.ahead.pop_front();
                }
                w
            }
            None => {
                let w = rows
                    .iter()
                    .map(|r| r.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1))
                    .max()
                    .unwrap_or(0);
                s.columns = (1..=w).map(|i| format!("Column {i}")).collect();
                w
            }
        };
        unique_columns(&mut s.columns);
        // Rows read ahead: cut to the table's width.
        for (_, r) in s.ahead.iter_mut() {
            if r.len() > width {
                s.cut_cells += r[width..].iter().filter(|c| !c.is_empty()).count() as u64;
                r.truncate(width);
            }
        }
        Ok(s)
    }

    /// The table's column names.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The next data row (its 1-based row number in the sheet, and its cells, at most as many as the
    /// columns); `None` at the end of the sheet.
    pub fn next_row(&mut self) -> Result<Option<(u64, Vec<Cell>)>, Error> {
        if let Some(r) = self.ahead.pop_front() {
            return Ok(Some(r));
        }
        self.raw_row(self.columns.len())
    }

    /// Reads the next non-blank row, at most `width` cells wide (the rest counted).
    fn raw_row(&mut self, width: usize) -> Result<Option<(u64, Vec<Cell>)>, Error> {
        loop {
            if self.done {
                return Ok(None);
            }
            let mut row: Vec<Cell> = Vec::new();
            let mut row_no: Option<u32> = None;
            if let Some((r, c, cell)) = self.pending.take() {
                row_no = Some(r);
                self.place(&mut row, c, cell, width);
            }
            match &mut self.source {
                Source::Range { range, next } => {
                    let Some(values) = range.rows().nth(*next) else {
                        self.done = true;
                        return Ok(None);
                    };
                    *next += 1;
                    let start = range.start().map_or(0, |s| s.0);
                    row_no = Some(start + *next as u32 - 1);
                    let mut errors = 0;
                    for (c, v) in values.iter().enumerate() {
                        let cell = cell_data(v, &mut errors);
                        let col = range.start().map_or(0, |s| s.1) as usize + c;
                        if !cell.is_empty() {
                            Self::put(&mut row, col, cell, width, &mut self.cut_cells);
                        }
                    }
                    self.errors += errors;
                }
                _ => loop {
                    let mut errors = 0;
                    let next = match &mut self.source {
                        Source::Xlsx(r) => r
                            .next_cell()
                            .map_err(|e| sheet_err(&self.sheet, e))?
                            .map(|c| {
                                let (row, col) = c.get_position();
                                (row, col, cell_ref(c.get_value(), &mut errors))
                            }),
                        Source::Range { .. } => None,
                    };
                    self.errors += errors;
                    let Some((r, c, cell)) = next else {
                        self.done = true;
                        break;
                    };
                    match row_no {
                        Some(current) if r != current => {
                            self.pending = Some((r, c, cell));
                            break;
                        }
                        _ => {
                            row_no = Some(r);
                            self.place(&mut row, c, cell, width);
                        }
                    }
                },
            }
            if row.iter().any(|c| !c.is_empty()) {
                return Ok(Some((row_no.map_or(0, |r| r as u64 + 1), row)));
            }
            if self.done {
                return Ok(None);
            }
        }
    }

    fn place(&mut self, row: &mut Vec<Cell>, col: u32, cell: Cell, width: usize) {
        if !cell.is_empty() {
            Self::put(row, col as usize, cell, width, &mut self.cut_cells);
        }
    }

    fn put(row: &mut Vec<Cell>, col: usize, cell: Cell, width: usize, cut: &mut u64) {
        if col >= width.min(MAX_COLUMNS) {
            *cut += 1;
            return;
        }
        if row.len() <= col {
            row.resize(col + 1, Cell::Empty);
        }
        row[col] = cell;
    }

    /// What reading the sheet assumed or left out, so far.
    pub fn notes(&self) -> Vec<Message> {
        let mut notes = Vec::new();
        let sheet = &self.sheet;
        if self.skipped_title_rows > 0 {
            notes.push(
                Message::new(
                    "imp-sheet-title-rows",
                    format!(
                        "sheet \"{sheet}\": the header is on its row {} ({} title rows above it were skipped)",
                        self.header_row, self.skipped_title_rows
                    ),
                )
                .arg("sheet", sheet)
                .arg("row", self.header_row)
                .arg("count", self.skipped_title_rows),
            );
        }
        if self.empty_headers > 0 {
            notes.push(
                Message::new(
                    "imp-sheet-empty-headers",
                    format!(
                        "sheet \"{sheet}\": {} header cells are empty (merged cells keep their text in the first \
                         one) and were named \"Column N\"",
                        self.empty_headers
                    ),
                )
                .arg("sheet", sheet)
                .arg("count", self.empty_headers),
            );
        }
        if self.cut_cells > 0 {
            notes.push(
                Message::new(
                    "imp-sheet-cut-cells",
                    format!(
                        "sheet \"{sheet}\": {} cells right of the table's last column were not read",
                        self.cut_cells
                    ),
                )
                .arg("sheet", sheet)
                .arg("count", self.cut_cells),
            );
        }
        if self.errors > 0 {
            notes.push(
                Message::new(
                    "imp-sheet-error-cells",
                    format!(
                        "sheet \"{sheet}\": {} error cells (#N/A, #VALUE!, ...) were read as empty",
                        self.errors
                    ),
                )
                .arg("sheet", sheet)
                .arg("count", self.errors),
            );
        }
        notes
    }

    /// Writes the header (when `header` is true) and then rows as CSV text until `out` holds about
    /// `max_bytes`; returns the rows written and whether the sheet has more. The reader worker and
    /// the CLI stream a sheet into the ordinary importer this way, one bounded chunk at a time.
    pub fn write_csv(
        &mut self,
        out: &mut Vec<u8>,
        header: bool,
        max_bytes: usize,
    ) -> Result<(u64, bool), Error> {
        // The names, copied once per step: `next_row` borrows the whole reader.
        let columns = self.columns.clone();
        write_rows(out, (&columns, header), max_bytes, || {
            Ok(self.next_row()?.map(|(_, row)| row))
        })
    }
}

/// The header among the first rows: the first row whose non-empty cells are all text and at least half
/// as many as the widest row's (and two or more); `None` when no row qualifies (the table has no
/// header, or the sheet holds no table).
pub fn find_header(rows: &[&Vec<Cell>]) -> Option<usize> {
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| !c.is_empty()).count();
    let widest = rows.iter().map(|r| filled(r)).max().unwrap_or(0);
    rows.iter().position(|r| {
        let n = filled(r);
        let all_text = r.iter().filter(|c| !c.is_empty()).all(
            |c| matches!(c, Cell::Text(t) if !super::timestamp::looks_like_timestamp(t.trim())),
        );
        n >= 2 && n * 2 >= widest && all_text
    })
}

#[cfg(test)]
mod tests;
