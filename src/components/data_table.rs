//! One data table for every table of the app: columns as data, headers that sort the rows, numbers
//! aligned right, CSV from the same columns through the one CSV writer ([`export::csv`]), and optional
//! buttons at the end of each row (a "cases" button opens the row's cases as a filter).
//!
//! ```ignore
//! let columns = vec![
//!     Column::text(t!("col-reason"), |d: &DisputeRow| d.reason.clone()),
//!     Column::count(t!("col-resolved"), |d: &DisputeRow| d.resolved),
//!     Column::number(t!("col-median"), |d: &DisputeRow| d.median_days, format::days, format::raw::days)
//!         .csv("Median (days)"),
//! ];
//! view! { <DataTable id="disputes-table" columns rows=report.disputes actions=vec![cases] /> }
//! ```
//!
//! The CSV button ([`TableCsv`]) may sit anywhere on the page (a panel's head): it finds its table by
//! the table's element id and writes the rows in the order shown, every row, with raw numbers (`45.60`,
//! not `45.6 %`) and stable headers where a column names one (`Rate (%)`).

use crate::core::export;
use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::attr::custom::custom_attribute;
use leptos::prelude::*;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;
use std::sync::Arc;

/// How a cell sorts: numbers (not-a-number last) or text.
#[derive(Debug, Clone, PartialEq)]
pub enum SortKey {
    /// A number.
    Num(f64),
    /// Text.
    Text(String),
}

impl SortKey {
    fn cmp(&self, other: &SortKey) -> Ordering {
        match (self, other) {
            (SortKey::Num(a), SortKey::Num(b)) => match (a.is_nan(), b.is_nan()) {
                (false, false) => a.total_cmp(b),
                (x, y) => x.cmp(&y),
            },
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            (SortKey::Num(_), SortKey::Text(_)) => Ordering::Less,
            (SortKey::Text(_), SortKey::Num(_)) => Ordering::Greater,
        }
    }
}

type Cell<R, T> = Arc<dyn Fn(&R) -> T + Send + Sync>;

/// A column: its header, and how a row's cell shows, exports and sorts.
pub struct Column<R> {
    header: String,
    /// The header is for screen readers only, and the column does not sort (a tick column).
    hidden_header: bool,
    in_csv: bool,
    csv_header: Option<&'static str>,
    title: Option<String>,
    numeric: bool,
    class: &'static str,
    show: Cell<R, AnyView>,
    csv: Cell<R, String>,
    key: Cell<R, SortKey>,
}

impl<R: 'static> Column<R> {
    /// A column shown by `show`, written to CSV by `csv`, sorted by `key`.
    pub fn view(
        header: impl Into<String>,
        show: impl Fn(&R) -> AnyView + Send + Sync + 'static,
        csv: impl Fn(&R) -> String + Send + Sync + 'static,
        key: impl Fn(&R) -> SortKey + Send + Sync + 'static,
    ) -> Self {
        Column {
            header: header.into(),
            hidden_header: false,
            in_csv: true,
            csv_header: None,
            title: None,
            numeric: false,
            class: "",
            show: Arc::new(show),
            csv: Arc::new(csv),
            key: Arc::new(key),
        }
    }

    /// Text as it is, sorted as text.
    pub fn text(
        header: impl Into<String>,
        f: impl Fn(&R) -> String + Send + Sync + 'static,
    ) -> Self {
        let f = Arc::new(f);
        let (g, h) = (f.clone(), f.clone());
        Column::view(
            header,
            move |r| f(r).into_any(),
            move |r| plain(&g(r)),
            move |r| SortKey::Text(h(r)),
        )
    }

    /// A number: shown by `shown` (`45.6 %`), written by `raw` (`45.60`), sorted by its value.
    pub fn number(
        header: impl Into<String>,
        value: impl Fn(&R) -> f64 + Send + Sync + 'static,
        shown: impl Fn(f64) -> String + Send + Sync + 'static,
        raw: impl Fn(f64) -> String + Send + Sync + 'static,
    ) -> Self {
        let value = Arc::new(value);
        let (v2, v3) = (value.clone(), value.clone());
        Column::view(
            header,
            move |r| shown(value(r)).into_any(),
            move |r| raw(v2(r)),
            move |r| SortKey::Num(v3(r)),
        )
        .numeric()
    }

    /// A count: `1 234` shown, `1234` written.
    pub fn count(header: impl Into<String>, f: impl Fn(&R) -> u64 + Send + Sync + 'static) -> Self {
        let f = Arc::new(f);
        let (g, h) = (f.clone(), f.clone());
        Column::view(
            header,
            move |r| crate::core::format::count(f(r)).into_any(),
            move |r| g(r).to_string(),
            move |r| SortKey::Num(h(r) as f64),
        )
        .numeric()
    }

    /// The header of this column in CSV files, when not the one shown: a stable English name with its
    /// unit (`Rate (%)`).
    pub fn csv(mut self, header: &'static str) -> Self {
        self.csv_header = Some(header);
        self
    }

    /// Leaves the column out of CSV files (a column of controls).
    pub fn csv_skip(mut self) -> Self {
        self.in_csv = false;
        self
    }

    /// A header said to screen readers only; the column does not sort (a column of controls).
    pub fn label(mut self, label: String) -> Self {
        self.header = label;
        self.hidden_header = true;
        self
    }

    /// A tooltip on the header.
    pub fn title(mut self, title: String) -> Self {
        self.title = Some(title);
        self
    }

    /// A number column: aligned right.
    pub fn numeric(mut self) -> Self {
        self.numeric = true;
        self
    }

    /// A class on the column's cells (`median`, `rate`), for styling and for the page's tests.
    pub fn class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }

    fn cell_class(&self) -> String {
        match (self.numeric, self.class) {
            (true, "") => "num".into(),
            (true, c) => format!("num {c}"),
            (false, c) => c.into(),
        }
    }
}

/// A button at the end of each row.
pub struct Action<R> {
    label: String,
    class: &'static str,
    title: Option<String>,
    aria: Option<Cell<R, String>>,
    when: Option<Cell<R, bool>>,
    run: Cell<R, ()>,
}

impl<R: 'static> Action<R> {
    /// A button labelled `label` that runs `run` on its row.
    pub fn new(label: String, run: impl Fn(&R) + Send + Sync + 'static) -> Self {
        Action {
            label,
            class: "",
            title: None,
            aria: None,
            when: None,
            run: Arc::new(run),
        }
    }

    /// A class besides `button small` (`show-cases`, `drill-open`).
    pub fn class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }

    /// A tooltip.
    pub fn title(mut self, title: String) -> Self {
        self.title = Some(title);
        self
    }

    /// The button's accessible name for a row, when its label alone is not enough.
    pub fn aria(mut self, f: impl Fn(&R) -> String + Send + Sync + 'static) -> Self {
        self.aria = Some(Arc::new(f));
        self
    }

    /// Shown only on the rows where `f` holds (a row without cases has no "cases" button).
    pub fn when(mut self, f: impl Fn(&R) -> bool + Send + Sync + 'static) -> Self {
        self.when = Some(Arc::new(f));
        self
    }
}

/// A row's class and data attributes (`data-rule`), for styling and for the page's tests.
#[derive(Debug, Clone, Default)]
pub struct RowMark {
    /// Classes of the `<tr>`.
    pub class: &'static str,
    /// `(name, value)` attributes.
    pub data: Vec<(&'static str, String)>,
    /// While this holds, the row has the class `picked` (a ticked variant).
    pub picked: Option<Signal<bool>>,
}

/// Marks each row from its data.
pub type Mark<R> = Arc<dyn Fn(&R) -> RowMark + Send + Sync>;

/// A table drawn from rows and columns.
#[component]
pub fn DataTable<R>(
    /// The `<table>`'s id: the CSV button finds it by it.
    #[prop(into)]
    id: String,
    /// The columns.
    columns: Vec<Column<R>>,
    /// The rows, in their first order.
    rows: Vec<R>,
    /// Buttons at the end of each row.
    #[prop(optional)]
    actions: Vec<Action<R>>,
    /// Classes and data attributes of a row.
    #[prop(optional)]
    mark: Option<Mark<R>>,
    /// Classes of the `<table>` besides `data`.
    #[prop(optional)]
    class: &'static str,
    /// At most this many rows shown (every row is exported).
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView
where
    R: Send + Sync + 'static,
{
    // The rows become cells here (the one part that depends on the rows' type); the table itself is
    // drawn by code shared by every table, which keeps the page's wasm small.
    let grid = Grid::new(columns, rows, &actions, mark.as_ref());
    grid_table(id, class, limit.unwrap_or(usize::MAX), grid)
}

/// A column's header, as drawn and exported.
struct Head {
    header: String,
    csv_header: Option<&'static str>,
    hidden: bool,
    in_csv: bool,
    numeric: bool,
    title: Option<String>,
    class: String,
}

/// A cell: how it shows, what the CSV says, how it sorts.
struct GridCell {
    show: Arc<dyn Fn() -> AnyView + Send + Sync>,
    csv: String,
    key: SortKey,
}

/// A row's button, ready to run.
struct Button {
    label: String,
    class: String,
    title: Option<String>,
    aria: Option<String>,
    run: Arc<dyn Fn() + Send + Sync>,
}

struct GridRow {
    cells: Vec<GridCell>,
    buttons: Vec<Button>,
    mark: RowMark,
}

/// A table's content, whatever its rows were.
struct Grid {
    heads: Vec<Head>,
    /// The button column's accessible name (`None`: no buttons).
    actions: Option<String>,
    rows: Vec<GridRow>,
}

impl Grid {
    fn new<R: Send + Sync + 'static>(
        columns: Vec<Column<R>>,
        rows: Vec<R>,
        actions: &[Action<R>],
        mark: Option<&Mark<R>>,
    ) -> Grid {
        let rows = rows
            .into_iter()
            .map(|r| {
                let r = Arc::new(r);
                let cells = columns
                    .iter()
                    .map(|c| {
                        let (show, row) = (c.show.clone(), r.clone());
                        GridCell {
                            show: Arc::new(move || show(&row)),
                            csv: (c.csv)(&r),
                            key: (c.key)(&r),
                        }
                    })
                    .collect();
                let buttons = actions
                    .iter()
                    .filter(|a| a.when.as_ref().is_none_or(|w| w(&r)))
                    .map(|a| {
                        let (run, row) = (a.run.clone(), r.clone());
                        Button {
                            label: a.label.clone(),
                            class: format!("button small {}", a.class).trim().to_string(),
                            title: a.title.clone(),
                            aria: a.aria.as_ref().map(|f| f(&r)),
                            run: Arc::new(move || run(&row)),
                        }
                    })
                    .collect();
                let mark = mark.map(|m| m(&r)).unwrap_or_default();
                GridRow {
                    cells,
                    buttons,
                    mark,
                }
            })
            .collect();
        let heads = columns
            .into_iter()
            .map(|c| Head {
                class: c.cell_class(),
                header: c.header,
                csv_header: c.csv_header,
                hidden: c.hidden_header,
                in_csv: c.in_csv,
                numeric: c.numeric,
                title: c.title,
            })
            .collect();
        Grid {
            heads,
            actions: actions.first().map(|a| a.label.clone()),
            rows,
        }
    }

    /// Row indices in the order shown: stable, so equal keys keep the rows' first order.
    fn order(&self, sort: Option<(usize, bool)>) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        if let Some((c, desc)) = sort {
            let key = |i: usize| {
                self.rows
                    .get(i)
                    .and_then(|r| r.cells.get(c))
                    .map(|x| &x.key)
            };
            relance_engine::values::order::sort_by(&mut order, |&a, &b| {
                let o = match (key(a), key(b)) {
                    (Some(x), Some(y)) => x.cmp(y),
                    _ => Ordering::Equal,
                };
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
        }
        order
    }

    /// The table as CSV, its rows in the order shown.
    fn csv(&self, sort: Option<(usize, bool)>) -> String {
        let kept: Vec<usize> = (0..self.heads.len())
            .filter(|&c| self.heads[c].in_csv)
            .collect();
        let header: Vec<&str> = kept
            .iter()
            .map(|&c| {
                let h = &self.heads[c];
                h.csv_header.unwrap_or(h.header.as_str())
            })
            .collect();
        let rows = self.order(sort).into_iter().filter_map(|i| {
            let row = self.rows.get(i)?;
            Some(
                kept.iter()
                    .map(|&c| row.cells.get(c).map(|x| x.csv.clone()).unwrap_or_default())
                    .collect(),
            )
        });
        export::csv(&header, rows)
    }
}

/// Draws a table (every table of the app goes through here).
fn grid_table(id: String, class: &'static str, limit: usize, grid: Grid) -> impl IntoView {
    let grid = Arc::new(grid);
    // (column, descending)
    let sort = RwSignal::new(None::<(usize, bool)>);
    register_csv(id.clone(), {
        let grid = grid.clone();
        move || grid.csv(sort.get_untracked())
    });
    let head = grid
        .heads
        .iter()
        .enumerate()
        .map(|(c, h)| {
            if h.hidden {
                return view! { <th scope="col"><span class="sr-only">{h.header.clone()}</span></th> }
                    .into_any();
            }
            let numeric = h.numeric;
            let aria_sort = move || match sort.get() {
                Some((k, true)) if k == c => "descending",
                Some((k, false)) if k == c => "ascending",
                _ => "none",
            };
            // Numbers first largest; text first A; a second click reverses.
            let click = move |_| {
                sort.update(|s| {
                    *s = match *s {
                        Some((k, desc)) if k == c => Some((c, !desc)),
                        _ => Some((c, numeric)),
                    }
                })
            };
            view! {
                <th scope="col" class:num=numeric title=h.title.clone() aria-sort=aria_sort>
                    <button class="sort" on:click=click>{h.header.clone()}</button>
                </th>
            }
            .into_any()
        })
        .collect_view();
    let action_head = grid
        .actions
        .clone()
        .map(|label| view! { <th scope="col" aria-label=label></th> });
    let body = {
        let grid = grid.clone();
        move || {
            grid.order(sort.get())
                .into_iter()
                .take(limit)
                .filter_map(|i| {
                    Some(row_view(
                        &grid.heads,
                        grid.rows.get(i)?,
                        grid.actions.is_some(),
                    ))
                })
                .collect_view()
        }
    };
    let table_class = if class.is_empty() {
        "data".to_string()
    } else {
        format!("data {class}")
    };
    view! {
        <table class=table_class id=id>
            <thead><tr>{head}{action_head}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

fn row_view(heads: &[Head], row: &GridRow, with_actions: bool) -> AnyView {
    let attrs: Vec<AnyAttribute> = row
        .mark
        .data
        .iter()
        .map(|(k, v)| custom_attribute(*k, v.clone()).into_any_attr())
        .collect();
    let cells = heads
        .iter()
        .zip(&row.cells)
        .map(|(h, c)| view! { <td class=h.class.clone()>{(c.show)()}</td> })
        .collect_view();
    let buttons = with_actions.then(|| {
        let buttons = row
            .buttons
            .iter()
            .map(|b| {
                let run = b.run.clone();
                view! {
                    " "
                    <button class=b.class.clone() title=b.title.clone() aria-label=b.aria.clone()
                        on:click=move |_| run()>{b.label.clone()}</button>
                }
            })
            .collect_view();
        view! { <td class="actions">{buttons}</td> }
    });
    let picked = row.mark.picked;
    view! {
        <tr class=row.mark.class class:picked=move || picked.is_some_and(|p| p.get()) {..attrs}>
            {cells}{buttons}
        </tr>
    }
    .into_any()
}

/// Shown text as a CSV value: a count shown with thin thousands separators (`150 370`) is written as a
/// number, other text with plain spaces.
pub fn plain(text: &str) -> String {
    let t = text.trim();
    if is_grouped_count(t) {
        t.replace('\u{202f}', "")
    } else {
        t.replace(['\u{202f}', '\u{a0}'], " ")
    }
}

/// Whether text is a count with thin-space thousands separators, as `format::count` writes it.
fn is_grouped_count(t: &str) -> bool {
    !t.is_empty()
        && t.split('\u{202f}').enumerate().all(|(i, g)| {
            !g.is_empty()
                && g.len() <= 3
                && (i == 0 || g.len() == 3)
                && g.bytes().all(|b| b.is_ascii_digit())
        })
}

type CsvSource = Rc<dyn Fn() -> String>;

thread_local! {
    /// The tables on the page that can be exported: (table id, token, their CSV).
    static TABLES: RefCell<Vec<(String, u64, CsvSource)>> = const { RefCell::new(Vec::new()) };
    static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// Makes the table `id` exportable by its CSV button while the calling component lives.
pub fn register_csv(id: String, csv: impl Fn() -> String + 'static) {
    let token = NEXT.with(|n| {
        let t = n.get();
        n.set(t + 1);
        t
    });
    TABLES.with(|t| {
        let mut t = t.borrow_mut();
        t.retain(|(i, _, _)| *i != id);
        t.push((id, token, Rc::new(csv)));
    });
    // A table drawn again registers again before the old one is cleaned up: remove only its own.
    on_cleanup(move || TABLES.with(|t| t.borrow_mut().retain(|(_, k, _)| *k != token)));
}

/// The CSV of the table with this id, if it is on the page.
pub fn csv_of(id: &str) -> Option<String> {
    let source = TABLES.with(|t| {
        t.borrow()
            .iter()
            .find(|(i, _, _)| i == id)
            .map(|(_, _, f)| f.clone())
    })?;
    Some(source())
}

/// "CSV": exports the table with this element id.
#[component]
pub fn TableCsv(
    /// The table's element id.
    #[prop(into)]
    table: String,
    /// The file name.
    #[prop(into)]
    file: String,
) -> impl IntoView {
    let label = t!("export-file", file = file.clone());
    let export = move |_| {
        if let Some(text) = csv_of(&table) {
            export::download_text(&file, "text/csv", &text);
        }
    };
    view! {
        <button class="button small" aria-label=label on:click=export>"CSV"</button>
    }
}

/// A panel's head for a table: its title with the table's CSV button and, on the right, a labelled
/// control (the children: a date, a choice of attribute).
#[component]
pub fn TableHead(
    /// The title.
    title: String,
    /// The table's element id.
    table: &'static str,
    /// The CSV file's name.
    file: &'static str,
    /// The control's label.
    #[prop(optional, into)]
    label: Option<String>,
    /// The control.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let control = match (label, children) {
        (Some(label), Some(c)) => {
            Some(view! { <label class="field inline"><span>{label}</span>{c()}</label> }.into_any())
        }
        (None, Some(c)) => Some(c().into_any()),
        (_, None) => None,
    };
    view! {
        <div class="panel-head">
            <h3>{title} " " <TableCsv table=table file=file /></h3>
            {control}
        </div>
    }
}

#[cfg(test)]
mod tests;
