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
    let table = Arc::new(Table {
        columns,
        rows,
        actions,
    });
    // (column, descending)
    let sort = RwSignal::new(None::<(usize, bool)>);
    register_csv(id.clone(), {
        let table = table.clone();
        move || table.csv(sort.get_untracked())
    });
    let head = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let numeric = col.numeric;
            let aria_sort = move || match sort.get() {
                Some((k, true)) if k == c => "descending",
                Some((k, false)) if k == c => "ascending",
                _ => "none",
            };
            let click = move |_| {
                sort.update(|s| {
                    *s = match *s {
                        // Numbers first largest; text first A.
                        Some((k, desc)) if k == c => Some((c, !desc)),
                        _ => Some((c, numeric)),
                    }
                })
            };
            if col.hidden_header {
                return view! { <th scope="col"><span class="sr-only">{col.header.clone()}</span></th> }
                    .into_any();
            }
            view! {
                <th scope="col" class:num=numeric title=col.title.clone() aria-sort=aria_sort>
                    <button class="sort" on:click=click>{col.header.clone()}</button>
                </th>
            }
            .into_any()
        })
        .collect_view();
    let action_head = (!table.actions.is_empty()).then(|| {
        let label = table.actions.first().map(|a| a.label.clone());
        view! { <th scope="col" aria-label=label></th> }
    });
    let body = {
        let table = table.clone();
        move || {
            let order = table.order(sort.get());
            let shown = limit.unwrap_or(usize::MAX);
            order
                .into_iter()
                .take(shown)
                .map(|i| table.row(i, mark.as_ref()))
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

struct Table<R> {
    columns: Vec<Column<R>>,
    rows: Vec<R>,
    actions: Vec<Action<R>>,
}

impl<R: Send + Sync + 'static> Table<R> {
    /// Row indices in the order shown: stable, so equal keys keep the rows' first order.
    fn order(&self, sort: Option<(usize, bool)>) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        if let Some(col) = sort.and_then(|(c, desc)| Some((self.columns.get(c)?, desc))) {
            let keys: Vec<SortKey> = self.rows.iter().map(|r| (col.0.key)(r)).collect();
            order.sort_by(|&a, &b| {
                let o = keys[a].cmp(&keys[b]);
                if col.1 {
                    o.reverse()
                } else {
                    o
                }
            });
        }
        order
    }

    fn row(self: &Arc<Self>, i: usize, mark: Option<&Mark<R>>) -> AnyView {
        let Some(r) = self.rows.get(i) else {
            return ().into_any();
        };
        let mark = mark.map(|m| m(r)).unwrap_or_default();
        let attrs: Vec<AnyAttribute> = mark
            .data
            .into_iter()
            .map(|(k, v)| custom_attribute(k, v).into_any_attr())
            .collect();
        let cells = self
            .columns
            .iter()
            .map(|c| view! { <td class=c.cell_class()>{(c.show)(r)}</td> })
            .collect_view();
        let buttons = (!self.actions.is_empty()).then(|| {
            let buttons = self
                .actions
                .iter()
                .enumerate()
                .filter(|(_, a)| a.when.as_ref().is_none_or(|w| w(r)))
                .map(|(k, a)| {
                    let table = self.clone();
                    let run = move |_| {
                        if let (Some(a), Some(r)) = (table.actions.get(k), table.rows.get(i)) {
                            (a.run)(r)
                        }
                    };
                    let class = format!("button small {}", a.class);
                    view! {
                        " "
                        <button class=class.trim().to_string() title=a.title.clone()
                            aria-label=a.aria.as_ref().map(|f| f(r)) on:click=run>{a.label.clone()}</button>
                    }
                })
                .collect_view();
            view! { <td class="actions">{buttons}</td> }
        });
        let picked = mark.picked;
        view! {
            <tr class=mark.class class:picked=move || picked.is_some_and(|p| p.get()) {..attrs}>
                {cells}{buttons}
            </tr>
        }
        .into_any()
    }

    /// The table as CSV, its rows in the order shown.
    fn csv(&self, sort: Option<(usize, bool)>) -> String {
        let columns: Vec<&Column<R>> = self.columns.iter().filter(|c| c.in_csv).collect();
        let header: Vec<&str> = columns
            .iter()
            .map(|c| c.csv_header.unwrap_or(c.header.as_str()))
            .collect();
        let rows = self.order(sort).into_iter().filter_map(|i| {
            let r = self.rows.get(i)?;
            Some(columns.iter().map(|c| (c.csv)(r)).collect())
        });
        export::csv(&header, rows)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_put_missing_numbers_last_and_keep_ties_in_order() {
        let t = Table::<(u64, f64)> {
            columns: vec![Column::number(
                "x",
                |r: &(u64, f64)| r.1,
                |x| x.to_string(),
                |x| x.to_string(),
            )],
            rows: vec![(0, 2.0), (1, f64::NAN), (2, 1.0), (3, 2.0)],
            actions: Vec::new(),
        };
        assert_eq!(t.order(None), [0, 1, 2, 3]);
        assert_eq!(t.order(Some((0, false))), [2, 0, 3, 1]);
        // Descending: the reverse order of keys, ties still in their first order.
        assert_eq!(t.order(Some((0, true))), [1, 0, 3, 2]);
    }

    #[test]
    fn csv_has_raw_numbers_stable_headers_and_the_shown_order() {
        let t = Table::<(String, u64, f64)> {
            columns: vec![
                Column::text("Name", |r: &(String, u64, f64)| r.0.clone()),
                Column::count("Cases", |r: &(String, u64, f64)| r.1),
                Column::number(
                    "Rate",
                    |r: &(String, u64, f64)| r.2,
                    crate::core::format::percent,
                    crate::core::format::raw::percent,
                )
                .csv("Rate (%)"),
            ],
            rows: vec![("=b".into(), 1234, 0.5), ("a".into(), 5, f64::NAN)],
            actions: Vec::new(),
        };
        assert_eq!(
            t.csv(None),
            "\u{feff}Name,Cases,Rate (%)\n'=b,1234,50.00\na,5,\n"
        );
        // Sorted by cases, smallest first.
        assert_eq!(
            t.csv(Some((1, false))),
            "\u{feff}Name,Cases,Rate (%)\na,5,\n'=b,1234,50.00\n"
        );
    }

    #[test]
    fn shown_counts_become_numbers_in_csv() {
        assert_eq!(plain("150\u{202f}370"), "150370");
        assert_eq!(plain(" 12 "), "12");
        assert_eq!(plain("1\u{202f}23"), "1 23");
        assert_eq!(plain("12\u{a0}%"), "12 %");
    }
}
