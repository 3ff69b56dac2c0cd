//! A small typed query plan; the dialects print it (`dialect::print`).
//!
//! A plan is a [`Query`]: common table expressions, then one [`Select`]. Expressions are typed
//! ([`Expr`]): what differs between engines (quantiles, ordered lists, epoch milliseconds, quoting) is
//! a node that the printer hands to the dialect, never a string in a plan. The printer also makes
//! the one structural rewrite a dialect needs: an engine whose exact quantile exists only as a window
//! function (BigQuery) gets the quantile computed in an inner query, partitioned by the group keys, and
//! picked once per group with `ANY_VALUE`.
//!
//! Names: the columns the plans make up between steps (`case_id`, `t_ms`, ...) are plain lower-case
//! words, never quoted, chosen not to be reserved anywhere. The user's columns ([`Expr::Source`]) are
//! quoted exactly as given, and so are the result columns of a query's final `SELECT` (`from`, `to`,
//! `min` and `max` are reserved in some engines, and Snowflake would fold unquoted names to upper case).

/// A scalar type the plans cast to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlType {
    /// Text.
    Text,
    /// 64-bit float.
    Double,
    /// 64-bit integer.
    BigInt,
    /// An instant (timestamp with time zone, or the engine's instant type).
    Timestamp,
}

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
    pub(crate) fn sql(self) -> &'static str {
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
    /// (the dialect's `zone_instant_ms`).
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
    /// Made-up columns passed on under their own names (`SELECT a, b, ...` of a step's columns).
    pub fn keep<'a>(names: &[&'a str]) -> Vec<(Expr, &'a str)> {
        names.iter().map(|&n| (col(n), n)).collect()
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
