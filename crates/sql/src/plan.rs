//! A small typed query plan and its printer.
//!
//! A plan is a [`Query`]: common table expressions, then one [`Select`]. Expressions are typed
//! ([`Expr`]): what differs between engines (quantiles, ordered lists, epoch milliseconds, quoting) is
//! a node that the printer hands to the [`Dialect`], never a string in a plan. The printer also makes
//! the one structural rewrite a dialect needs: an engine whose exact quantile exists only as a window
//! function (BigQuery) gets the quantile computed in an inner query, partitioned by the group keys, and
//! picked once per group with `ANY_VALUE`.
//!
//! Names: the columns the plans make up between steps (`case_id`, `t_ms`, ...) are plain lower-case
//! words, never quoted, chosen not to be reserved anywhere. The user's columns ([`Expr::Source`]) are
//! quoted exactly as given, and so are the result columns of a query's final `SELECT` (`from`, `to`,
//! `min` and `max` are reserved in some engines, and Snowflake would fold unquoted names to upper case).

use crate::dialect::{Dialect, ListKey, SqlType};

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/` (on doubles)
    Div,
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `AND`
    And,
    /// `OR`
    Or,
}

impl Op {
    fn sql(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Eq => "=",
            Op::Ne => "<>",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::And => "AND",
            Op::Or => "OR",
        }
    }
}

/// An aggregate function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agg {
    /// `COUNT(x)` (non-null values).
    Count,
    /// `COUNT(DISTINCT x)`.
    CountDistinct,
    /// `SUM(x)`.
    Sum,
    /// `MIN(x)`.
    Min,
    /// `MAX(x)`.
    Max,
}

/// A window function.
#[derive(Debug, Clone, PartialEq)]
pub enum WindowFn {
    /// `ROW_NUMBER()`.
    RowNumber,
    /// `LEAD(x)`: the next row's value.
    Lead(Box<Expr>),
    /// `LAG(x)`: the previous row's value.
    Lag(Box<Expr>),
    /// A partition-wide aggregate.
    Agg(Agg, Box<Expr>),
    /// `LAG(x, n)`: the value `n` rows before.
    LagBy(Box<Expr>, u32),
    /// A running sum: from the partition's first row to this one, in the window's order.
    RunningSum(Box<Expr>),
}

/// One key of an `ORDER BY`.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    /// The key.
    pub expr: Expr,
    /// Descending.
    pub desc: bool,
}

impl Order {
    /// Ascending.
    pub fn asc(expr: Expr) -> Order {
        Order { expr, desc: false }
    }
    /// Descending.
    pub fn desc(expr: Expr) -> Order {
        Order { expr, desc: true }
    }
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A column made up by the plans (never quoted).
    Col(String),
    /// A column of the user's table (quoted as given).
    Source(String),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal.
    Str(String),
    /// `NULL`.
    Null,
    /// `(a op b)`.
    Bin(Box<Expr>, Op, Box<Expr>),
    /// `NOT x`.
    Not(Box<Expr>),
    /// `x IS NULL`.
    IsNull(Box<Expr>),
    /// `x IS NOT NULL`.
    IsNotNull(Box<Expr>),
    /// `x IN (a, b, ...)`; an empty list is false.
    In(Box<Expr>, Vec<Expr>),
    /// `CASE WHEN c THEN v ... ELSE e END`.
    Case(Vec<(Expr, Expr)>, Option<Box<Expr>>),
    /// `COALESCE(a, b, ...)`.
    Coalesce(Vec<Expr>),
    /// `CONCAT(a, b, ...)` of texts.
    Concat(Vec<Expr>),
    /// `CAST(x AS t)`.
    Cast(Box<Expr>, SqlType),
    /// Milliseconds since 1970 UTC of an instant.
    EpochMs(Box<Expr>),
    /// The instant (epoch ms) at which a wall-clock time occurs in an IANA time zone (the name, as
    /// given); the wall-clock time is written as the epoch ms it would be in UTC
    /// ([`Dialect::zone_instant_ms`]).
    ZoneInstantMs(Box<Expr>, String),
    /// Integer division rounding down.
    FloorDiv(Box<Expr>, Box<Expr>),
    /// `COUNT(*)`.
    CountStar,
    /// An aggregate.
    Agg(Agg, Box<Expr>),
    /// An exact quantile (linear interpolation, numpy's default) of a group.
    Quantile(Box<Expr>, f64),
    /// The list of a column over a group, ordered by keys (ascending).
    OrderedList {
        /// The column listed (a plain column name).
        value: String,
        /// The sort keys.
        order: Vec<Expr>,
    },
    /// The key under which a list groups and sorts (itself, or its JSON text).
    ListKey(Box<Expr>),
    /// A window function over a partition, ordered.
    Window {
        /// The function.
        func: WindowFn,
        /// `PARTITION BY`.
        partition: Vec<Expr>,
        /// `ORDER BY`.
        order: Vec<Order>,
    },
    /// A scalar subquery.
    Scalar(Box<Select>),
    /// Any value of a made-up column over a group (all its values being equal).
    AnyValue(String),
}

/// Shorthands for building plans.
pub mod build {
    use super::*;

    /// A made-up column.
    pub fn col(name: &str) -> Expr {
        Expr::Col(name.to_string())
    }
    /// A binary operation.
    pub fn bin(a: Expr, op: Op, b: Expr) -> Expr {
        Expr::Bin(Box::new(a), op, Box::new(b))
    }
    /// An aggregate.
    pub fn agg(f: Agg, x: Expr) -> Expr {
        Expr::Agg(f, Box::new(x))
    }
    /// `CAST(x AS DOUBLE)`.
    pub fn double(x: Expr) -> Expr {
        Expr::Cast(Box::new(x), SqlType::Double)
    }
    /// Milliseconds as seconds (a double).
    pub fn seconds(ms: Expr) -> Expr {
        bin(double(ms), Op::Div, Expr::Float(1000.0))
    }
    /// Every condition.
    pub fn all(conds: Vec<Expr>) -> Expr {
        conds
            .into_iter()
            .reduce(|a, b| bin(a, Op::And, b))
            .unwrap_or(bin(Expr::Int(1), Op::Eq, Expr::Int(1)))
    }
    /// `x IS NOT NULL`.
    pub fn not_null(x: Expr) -> Expr {
        Expr::IsNotNull(Box::new(x))
    }
    /// `x IS NULL`.
    pub fn is_null(x: Expr) -> Expr {
        Expr::IsNull(Box::new(x))
    }
    /// `CASE WHEN c THEN v END`.
    pub fn when(c: Expr, v: Expr) -> Expr {
        Expr::Case(vec![(c, v)], None)
    }
}

/// Where a `SELECT` reads from.
#[derive(Debug, Clone, PartialEq)]
pub enum From {
    /// The user's table, printed as given (a name, a qualified name or a parenthesised query).
    Table(String),
    /// A common table expression of the query.
    Cte(String),
    /// A subquery with an alias.
    Sub(Box<Select>, String),
    /// The integers `0..n` in one column.
    Integers {
        /// How many.
        n: u64,
        /// Column name.
        col: String,
    },
    /// A cross join.
    Cross(Vec<From>),
    /// A left join on a condition.
    LeftJoin(Box<From>, Box<From>, Expr),
}

/// One `SELECT`.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    /// Expressions and their names.
    pub items: Vec<(Expr, String)>,
    /// Source.
    pub from: From,
    /// `WHERE`.
    pub filter: Option<Expr>,
    /// `GROUP BY`.
    pub group_by: Vec<Expr>,
    /// `ORDER BY`.
    pub order_by: Vec<Order>,
    /// `LIMIT`.
    pub limit: Option<u64>,
}

impl Select {
    /// `SELECT items FROM from`.
    pub fn new(from: From, items: Vec<(Expr, &str)>) -> Select {
        Select {
            items: items.into_iter().map(|(e, n)| (e, n.to_string())).collect(),
            from,
            filter: None,
            group_by: Vec::new(),
            order_by: Vec::new(),
            limit: None,
        }
    }
    /// Adds a `WHERE`.
    pub fn filter(mut self, cond: Expr) -> Select {
        self.filter = Some(cond);
        self
    }
    /// Adds a `GROUP BY`.
    pub fn group_by(mut self, keys: Vec<Expr>) -> Select {
        self.group_by = keys;
        self
    }
    /// Adds an `ORDER BY`.
    pub fn order_by(mut self, keys: Vec<Order>) -> Select {
        self.order_by = keys;
        self
    }
    /// Adds a `LIMIT`.
    pub fn limit(mut self, n: u64) -> Select {
        self.limit = Some(n);
        self
    }
}

/// A query: named steps, then the result.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// Comment lines printed above the query (assumptions the reader must know).
    pub notes: Vec<String>,
    /// `WITH name AS (...)`, in order.
    pub ctes: Vec<(String, Select)>,
    /// The result; its column names are quoted.
    pub body: Select,
}

/// Prints a query in a dialect.
pub fn print(q: &Query, d: &dyn Dialect) -> String {
    let p = Printer { d };
    let mut out = String::new();
    for n in &q.notes {
        for line in n.lines() {
            out.push_str("-- ");
            out.push_str(line);
            out.push('\n');
        }
    }
    if let Some(pre) = d.preamble() {
        out.push_str(pre);
        out.push('\n');
    }
    if !q.ctes.is_empty() {
        out.push_str("WITH ");
        for (i, (name, s)) in q.ctes.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            out.push_str(name);
            out.push_str(" AS (\n");
            out.push_str(&indent(&p.select(s, false)));
            out.push_str("\n)");
        }
        out.push('\n');
    }
    out.push_str(&p.select(&q.body, true));
    out
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

struct Printer<'a> {
    d: &'a dyn Dialect,
}

impl Printer<'_> {
    fn select(&self, s: &Select, output: bool) -> String {
        let mut quantiles = Vec::new();
        if self.d.quantile_agg("x", 0.5).is_none() {
            for (e, _) in &s.items {
                collect_quantiles(e, &mut quantiles);
            }
        }
        if quantiles.is_empty() {
            return self.plain_select(s, output);
        }
        // Window-only quantiles: compute each in an inner query partitioned by the group keys, then
        // pick one value per group.
        let partition = if s.group_by.is_empty() {
            String::new()
        } else {
            format!(
                "PARTITION BY {}",
                s.group_by
                    .iter()
                    .map(|g| self.expr(g))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let mut inner = "SELECT *".to_string();
        for (i, (x, q)) in quantiles.iter().enumerate() {
            inner.push_str(&format!(
                ", {} AS quantile_{i}",
                self.d.quantile_window(&self.expr(x), *q, &partition)
            ));
        }
        inner.push_str(&format!("\nFROM {}", self.from(&s.from)));
        if let Some(f) = &s.filter {
            inner.push_str(&format!("\nWHERE {}", self.expr(f)));
        }
        let outer = Select {
            items: s
                .items
                .iter()
                .map(|(e, n)| (replace_quantiles(e, &quantiles), n.clone()))
                .collect(),
            from: From::Sub(
                Box::new(Select::new(From::Table(String::new()), vec![])),
                String::new(),
            ),
            filter: None,
            group_by: s.group_by.clone(),
            order_by: s.order_by.clone(),
            limit: s.limit,
        };
        self.plain_select_with_from(
            &outer,
            output,
            &format!("(\n{}\n) AS windowed", indent(&inner)),
        )
    }

    fn plain_select(&self, s: &Select, output: bool) -> String {
        self.plain_select_with_from(s, output, &self.from(&s.from))
    }

    fn plain_select_with_from(&self, s: &Select, output: bool, from: &str) -> String {
        let items: Vec<String> = s
            .items
            .iter()
            .map(|(e, n)| {
                let name = if output { self.d.quote(n) } else { n.clone() };
                format!("{} AS {name}", self.expr(e))
            })
            .collect();
        let mut out = format!("SELECT\n  {}\nFROM {from}", items.join(",\n  "));
        if let Some(f) = &s.filter {
            out.push_str(&format!("\nWHERE {}", self.expr(f)));
        }
        if !s.group_by.is_empty() {
            let keys: Vec<String> = s.group_by.iter().map(|g| self.expr(g)).collect();
            out.push_str(&format!("\nGROUP BY {}", keys.join(", ")));
        }
        if !s.order_by.is_empty() {
            out.push_str(&format!("\nORDER BY {}", self.orders(&s.order_by)));
        }
        if let Some(n) = s.limit {
            out.push_str(&format!("\nLIMIT {n}"));
        }
        out
    }

    fn orders(&self, o: &[Order]) -> String {
        o.iter()
            .map(|k| {
                if k.desc {
                    format!("{} DESC", self.expr(&k.expr))
                } else {
                    self.expr(&k.expr)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn from(&self, f: &From) -> String {
        match f {
            From::Table(t) => t.clone(),
            From::Cte(n) => n.clone(),
            From::Sub(s, alias) => format!("(\n{}\n) AS {alias}", indent(&self.select(s, false))),
            From::Integers { n, col } => self.d.integers(*n, col),
            From::Cross(parts) => parts
                .iter()
                .map(|p| self.from(p))
                .collect::<Vec<_>>()
                .join("\nCROSS JOIN "),
            From::LeftJoin(a, b, on) => format!(
                "{}\nLEFT JOIN {} ON {}",
                self.from(a),
                self.from(b),
                self.expr(on)
            ),
        }
    }

    fn expr(&self, e: &Expr) -> String {
        let d = self.d;
        match e {
            Expr::Col(c) => c.clone(),
            Expr::Source(c) => d.quote(c),
            Expr::Int(i) => i.to_string(),
            Expr::Float(f) => crate::dialect::float_literal(*f),
            Expr::Str(s) => d.string(s),
            Expr::Null => "NULL".into(),
            Expr::Bin(a, op, b) => format!("({} {} {})", self.expr(a), op.sql(), self.expr(b)),
            Expr::Not(x) => format!("(NOT {})", self.expr(x)),
            Expr::IsNull(x) => format!("({} IS NULL)", self.expr(x)),
            Expr::IsNotNull(x) => format!("({} IS NOT NULL)", self.expr(x)),
            Expr::In(x, list) => {
                if list.is_empty() {
                    "(1 = 0)".into()
                } else {
                    format!(
                        "({} IN ({}))",
                        self.expr(x),
                        list.iter()
                            .map(|v| self.expr(v))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            }
            Expr::Case(whens, other) => {
                let mut s = "CASE".to_string();
                for (c, v) in whens {
                    s.push_str(&format!(" WHEN {} THEN {}", self.expr(c), self.expr(v)));
                }
                if let Some(o) = other {
                    s.push_str(&format!(" ELSE {}", self.expr(o)));
                }
                s.push_str(" END");
                s
            }
            Expr::Coalesce(v) => format!(
                "COALESCE({})",
                v.iter()
                    .map(|x| self.expr(x))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Expr::Concat(v) => format!(
                "CONCAT({})",
                v.iter()
                    .map(|x| self.expr(x))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Expr::Cast(x, t) => format!("CAST({} AS {})", self.expr(x), d.type_name(*t)),
            Expr::EpochMs(x) => d.epoch_ms(&self.expr(x)),
            Expr::ZoneInstantMs(x, zone) => d.zone_instant_ms(&self.expr(x), &d.string(zone)),
            Expr::FloorDiv(a, b) => d.floor_div(&self.expr(a), &self.expr(b)),
            Expr::CountStar => "COUNT(*)".into(),
            Expr::Agg(f, x) => {
                let x = self.expr(x);
                match f {
                    Agg::Count => format!("COUNT({x})"),
                    Agg::CountDistinct => format!("COUNT(DISTINCT {x})"),
                    Agg::Sum => format!("SUM({x})"),
                    Agg::Min => format!("MIN({x})"),
                    Agg::Max => format!("MAX({x})"),
                }
            }
            Expr::Quantile(x, q) => {
                let x = self.expr(x);
                match d.quantile_agg(&x, *q) {
                    Some(s) => s,
                    // Only reached for a quantile the rewrite did not see (a plan bug): say so in
                    // the SQL rather than print something that computes another number.
                    None => format!("QUANTILE_NOT_AVAILABLE({x}, {q})"),
                }
            }
            Expr::OrderedList { value, order } => {
                let keys: Vec<String> = order.iter().map(|o| self.expr(o)).collect();
                d.ordered_list(value, &keys)
            }
            Expr::ListKey(x) => match d.list_key() {
                ListKey::List => self.expr(x),
                ListKey::JsonText => d.list_json(&self.expr(x)),
            },
            Expr::Window {
                func,
                partition,
                order,
            } => {
                let f = match func {
                    WindowFn::RowNumber => "ROW_NUMBER()".to_string(),
                    WindowFn::Lead(x) => format!("LEAD({})", self.expr(x)),
                    WindowFn::Lag(x) => format!("LAG({})", self.expr(x)),
                    WindowFn::Agg(a, x) => self.expr(&Expr::Agg(*a, x.clone())),
                    WindowFn::LagBy(x, n) => format!("LAG({}, {n})", self.expr(x)),
                    WindowFn::RunningSum(x) => format!("SUM({})", self.expr(x)),
                };
                let mut over = Vec::new();
                if !partition.is_empty() {
                    over.push(format!(
                        "PARTITION BY {}",
                        partition
                            .iter()
                            .map(|p| self.expr(p))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if !order.is_empty() {
                    over.push(format!("ORDER BY {}", self.orders(order)));
                }
                if matches!(func, WindowFn::RunningSum(_)) {
                    over.push("ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW".into());
                }
                format!("{f} OVER ({})", over.join(" "))
            }
            Expr::Scalar(s) => format!("(\n{}\n)", indent(&self.select(s, false))),
            Expr::AnyValue(c) => d.any_value(c),
        }
    }
}

/// The quantiles of an expression, in order of appearance.
fn collect_quantiles(e: &Expr, out: &mut Vec<(Expr, f64)>) {
    match e {
        Expr::Quantile(x, q) => {
            let k = ((**x).clone(), *q);
            if !out.contains(&k) {
                out.push(k);
            }
        }
        Expr::Bin(a, _, b) | Expr::FloorDiv(a, b) => {
            collect_quantiles(a, out);
            collect_quantiles(b, out);
        }
        Expr::Not(x) | Expr::IsNull(x) | Expr::IsNotNull(x) | Expr::Cast(x, _) => {
            collect_quantiles(x, out)
        }
        Expr::Case(w, o) => {
            for (c, v) in w {
                collect_quantiles(c, out);
                collect_quantiles(v, out);
            }
            if let Some(o) = o {
                collect_quantiles(o, out);
            }
        }
        Expr::Coalesce(v) | Expr::Concat(v) => v.iter().for_each(|x| collect_quantiles(x, out)),
        _ => {}
    }
}

/// The expression with each quantile replaced by `ANY_VALUE(quantile_i)`.
fn replace_quantiles(e: &Expr, qs: &[(Expr, f64)]) -> Expr {
    let r = |x: &Expr| Box::new(replace_quantiles(x, qs));
    match e {
        Expr::Quantile(x, q) => {
            let i = qs.iter().position(|k| k.0 == **x && k.1 == *q).unwrap_or(0);
            Expr::AnyValue(format!("quantile_{i}"))
        }
        Expr::Bin(a, op, b) => Expr::Bin(r(a), *op, r(b)),
        Expr::FloorDiv(a, b) => Expr::FloorDiv(r(a), r(b)),
        Expr::Not(x) => Expr::Not(r(x)),
        Expr::IsNull(x) => Expr::IsNull(r(x)),
        Expr::IsNotNull(x) => Expr::IsNotNull(r(x)),
        Expr::Cast(x, t) => Expr::Cast(r(x), *t),
        Expr::Case(w, o) => Expr::Case(
            w.iter()
                .map(|(c, v)| (replace_quantiles(c, qs), replace_quantiles(v, qs)))
                .collect(),
            o.as_ref().map(|o| r(o)),
        ),
        Expr::Coalesce(v) => Expr::Coalesce(v.iter().map(|x| replace_quantiles(x, qs)).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::build::*;
    use super::*;
    use crate::dialect::DialectName;

    fn grouped() -> Query {
        Query {
            notes: vec!["a note".into()],
            ctes: vec![],
            body: Select::new(
                From::Table("t".into()),
                vec![
                    (col("g"), "from"),
                    (
                        bin(
                            Expr::Quantile(Box::new(col("d")), 0.5),
                            Op::Div,
                            Expr::Float(1000.0),
                        ),
                        "median_s",
                    ),
                ],
            )
            .group_by(vec![col("g")]),
        }
    }

    #[test]
    fn quantiles_print_as_aggregates_where_engines_have_them() {
        let sql = print(&grouped(), DialectName::DuckDb.dialect());
        assert!(sql.starts_with("-- a note\n"), "{sql}");
        assert!(
            sql.contains("(quantile_cont(d, 0.5) / 1000.0) AS \"median_s\""),
            "{sql}"
        );
        assert!(
            sql.contains("g AS \"from\"") && sql.contains("GROUP BY g"),
            "{sql}"
        );
    }

    #[test]
    fn window_only_quantiles_are_computed_inside_and_picked_per_group() {
        let sql = print(&grouped(), DialectName::BigQuery.dialect());
        assert!(
            sql.contains("PERCENTILE_CONT(d, 0.5) OVER (PARTITION BY g) AS quantile_0"),
            "{sql}"
        );
        assert!(
            sql.contains("(ANY_VALUE(quantile_0) / 1000.0) AS `median_s`"),
            "{sql}"
        );
        assert!(sql.contains(") AS windowed\nGROUP BY g"), "{sql}");
        assert!(!sql.contains("QUANTILE_NOT_AVAILABLE"), "{sql}");
    }

    #[test]
    fn empty_in_lists_are_false_not_a_syntax_error() {
        let q = Query {
            notes: vec![],
            ctes: vec![],
            body: Select::new(From::Table("t".into()), vec![(col("a"), "a")])
                .filter(Expr::In(Box::new(col("a")), vec![])),
        };
        assert!(print(&q, DialectName::Postgres.dialect()).contains("WHERE (1 = 0)"));
    }
}
