//! The printer: a [`Query`] written as SQL in a [`Dialect`]. Everything engine-specific is asked of the
//! dialect; the one structural rewrite (a window-only quantile computed in an inner query and picked
//! once per group) is made here.

use super::{float_literal, Dialect, ListKey};
use crate::plan::{Agg, Expr, From, Order, Query, Select, WindowFn};

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
            Expr::Float(f) => float_literal(*f),
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
    use super::*;
    use crate::dialect::DialectName;
    use crate::plan::build::*;
    use crate::plan::{Expr, From, Op, Query, Select};

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
