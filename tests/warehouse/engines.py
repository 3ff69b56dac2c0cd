#!/usr/bin/env python3
"""Runs the SQL of `relance sql` in real engines and compares with `relance analyze` / `relance
collections` (scripts/test_warehouse.sh starts the services; this file only drives them).

  engines.py sqlglot  RELANCE                 every query of every dialect parsed by sqlglot
  engines.py postgres RELANCE URL DATA_DIR    reference logs + demo collections in PostgreSQL
  engines.py spark    RELANCE DATA_DIR        smaller reference logs + road fines + demo in Spark local[2]
  engines.py duckdb   RELANCE DATA_DIR        reference logs + demo collections in DuckDB's Python package
                                              (2.0.x, the current release; `relance warehouse` and the
                                              cargo tests run the embedded 1.x library)

Prints one OK/MISMATCH line per check and a closing 'N passed, N failed' line; exits 1 on a failure.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

CORE = ["log", "activities", "start_activities", "end_activities", "dfg", "variants", "case_durations"]
COLLECTIONS = ["dso_monthly", "dunning", "disputes", "cash_application", "promises"]
DIALECTS = ["duckdb", "postgres", "spark", "snowflake", "bigquery"]
# Reference logs (flat CSV: case_id, activity, timestamp, ...). Spark runs the smaller ones plus road
# fines; PostgreSQL all of them.
ALL_LOGS = [
    "running-example.csv", "roadtraffic50traces.csv", "roadtraffic100traces.csv",
    "roadtraffic_1t_per_variant.csv", "receipt.csv.gz", "helpdesk.csv.gz",
    "hospital_billing_1t_per_variant.csv.gz", "ocel/ocel_orders_flattened.csv",
    "Road_Traffic_Fine_Management_Process.csv.gz", "bpic2012.csv.gz", "ibm_o2c_sap.csv.gz",
    "bpic2019_1t_per_variant.csv.gz",
]
SPARK_LOGS = ALL_LOGS[:9]
# Over the default cap of 10,000 variants: compared as a prefix with the rest counted.
CAPPED = {"bpic2019_1t_per_variant.csv.gz"}

results = {"passed": 0, "failed": 0}


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd[:4]), p.stderr.strip()[-2000:]))
    return p.stdout


def check(label, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("OK " if ok else "MISMATCH ") + label + (("\n" + detail) if detail and not ok else ""), flush=True)


def header(path):
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8", newline="") as f:
        import csv
        return next(csv.reader(f))


def sql(relance, dialect, table, analysis, extra=()):
    return run([relance, "sql", "--dialect", dialect, "--table", table, "--case", "case_id",
                "--activity", "activity", "--timestamp", "ts", "--order", "rn",
                "--analysis", analysis, *extra])


def compare_docs(label, doc_json, analyze_json, capped):
    with tempfile.TemporaryDirectory() as d:
        w, a = os.path.join(d, "w.json"), os.path.join(d, "a.json")
        open(w, "w").write(doc_json)
        open(a, "w").write(analyze_json)
        args = [sys.executable, os.path.join(HERE, "compare.py"), w, a, label] + (["--capped"] if capped else [])
        p = subprocess.run(args, capture_output=True, text=True)
        check(label, p.returncode == 0, p.stdout)


def close(x, y):
    if x is None or y is None:
        return x is None and y is None
    if isinstance(x, str) or isinstance(y, str):
        return x == y
    return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))


def compare_collections(label, got, want):
    problems = []
    for k in COLLECTIONS:
        w = want[k]
        g = got.get(k, [])
        if len(g) != len(w):
            problems.append("%s: %d rows vs %d" % (k, len(g), len(w)))
        for i, (x, y) in enumerate(zip(g, w)):
            for f, v in x.items():
                if not close(v, y.get(f)):
                    problems.append("%s[%d].%s: %r vs %r" % (k, i, f, v, y.get(f)))
    check(label, not problems, "\n".join("  - " + p for p in problems[:20]))


# The demo is written in Paris time: the engine takes its month-ends from the log's offsets, the SQL
# from --time-zone Europe/Paris (a warehouse table of instants has no offsets).
def collections_reference(relance, demo):
    c = json.loads(run([relance, "collections", demo, "--json"]))
    want = {"dso_monthly": c["kpis"]["dso_monthly"], "dunning": c["dunning"], "disputes": c["disputes"],
            "cash_application": c["cash_application"], "promises": c["promises"]}
    return c["mapping"], want



def demo_with_roles(relance, d, invoices):
    """Writes the demo log into folder `d` with the engine's role mapping beside it: the log, the
    mapping file, and the engine's collections tables to compare with."""
    demo = os.path.join(d, "demo.csv")
    open(demo, "w").write(run([relance, "demo", "--invoices", str(invoices)]))
    mapping, want = collections_reference(relance, demo)
    mfile = os.path.join(d, "roles.json")
    json.dump(mapping, open(mfile, "w"))
    return demo, mfile, want


def demo_sql(relance, dialect, mfile):
    """The SQL of one analysis on the demo table, as `relance sql` prints it for `dialect`."""
    return lambda a: run([relance, "sql", "--dialect", dialect, "--table", "demo", "--case", "invoice_id",
                          "--activity", "activity", "--timestamp", "ts", "--resource", "resource",
                          "--order", "rn", "--mapping", mfile, "--time-zone", "Europe/Paris", "--analysis", a])

# ---- sqlglot ----

def cmd_sqlglot(relance):
    import sqlglot
    with tempfile.TemporaryDirectory() as d:
        demo, mfile, _ = demo_with_roles(relance, d, 200)
        for dialect in DIALECTS:
            for order in (["--order", "rn"], []):
                text = run([relance, "sql", "--dialect", dialect, "--table", "events", "--case", "invoice_id",
                            "--activity", "activity", "--timestamp", "ts", "--resource", "resource",
                            "--mapping", mfile, "--all", *order])
                statements = [s for s in text.split(";\n") if s.strip()]
                ok, detail = len(statements) == len(CORE) + len(COLLECTIONS), ""
                for s in statements:
                    try:
                        parsed = sqlglot.parse(s, read=dialect)
                        if len(parsed) != 1 or parsed[0] is None:
                            ok, detail = False, "not one statement: " + s[:200]
                    except sqlglot.errors.ParseError as e:
                        ok, detail = False, "%s\n%s" % (str(e)[:500], s[:400])
                    if "approx" in s.lower():
                        ok, detail = False, "approximate function in: " + s[:200]
                label = "sqlglot parses every %s query (%d, %s)" % (
                    dialect, len(statements), "with --order" if order else "no --order")
                check(label, ok, detail)


# ---- PostgreSQL ----

def psql(url, command):
    return run(["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command], env=dict(os.environ, PGTZ="UTC"))


def pg_load(url, path, table, types):
    cols = header(path)
    psql(url, "DROP TABLE IF EXISTS %s CASCADE" % table)
    defs = ", ".join('"%s" text' % c.replace('"', '""') for c in cols)
    psql(url, "CREATE TABLE %s (rn bigserial, %s)" % (table, defs))
    names = ", ".join('"%s"' % c.replace('"', '""') for c in cols)
    source = "PROGRAM 'gzip -dc %s'" % path if path.endswith(".gz") else "'%s'" % path
    psql(url, "\\copy %s (%s) FROM %s WITH (FORMAT csv, HEADER true)" % (table, names, source))
    select = ["rn", "case_id", "activity", 'CAST("timestamp" AS timestamptz) AS ts']
    for c, t in types.items():
        select.append('CAST("%s" AS %s) AS "%s"' % (c, t, c))
    if "resource" in cols and "resource" not in types:
        select.append("resource")
    psql(url, "CREATE VIEW %s_v AS SELECT %s FROM %s" % (table, ", ".join(select), table))


def cmd_postgres(relance, url, data):
    for i, name in enumerate(ALL_LOGS):
        path = os.path.join(data, name)
        started = time.time()
        pg_load(url, path, "log%d" % i, {})
        doc = run([relance, "warehouse", "--postgres", url, "--table", "log%d_v" % i, "--case", "case_id",
                   "--activity", "activity", "--timestamp", "ts", "--order", "rn", "--json"])
        compare_docs("postgres %s (%.1f s)" % (name, time.time() - started), doc,
                     run([relance, "analyze", path, "--json"]), name.split("/")[-1] in CAPPED)
    with tempfile.TemporaryDirectory() as d:
        demo, mfile, want = demo_with_roles(relance, d, 2000)
        # The server reads the file as its own user.
        os.chmod(d, 0o755)
        os.chmod(demo, 0o644)
        cols = header(demo)
        # The demo's columns, typed as a warehouse would hold them.
        pg_load_demo(url, demo, cols)
        doc = json.loads(run([relance, "warehouse", "--postgres", url, "--table", "demo_v", "--case", "invoice_id",
                              "--activity", "activity", "--timestamp", "ts", "--resource", "resource",
                              "--order", "rn", "--mapping", mfile, "--time-zone", "Europe/Paris", "--json"]))
        compare_collections("postgres collections on the demo log (2,000 invoices)", doc["collections"], want)
        compare_docs("postgres demo log core analyses", json.dumps(doc), run([relance, "analyze", demo, "--json"]), False)


def pg_load_demo(url, demo, cols):
    psql(url, "DROP TABLE IF EXISTS demo CASCADE")
    defs = ", ".join('"%s" text' % c for c in cols)
    psql(url, "CREATE TABLE demo (rn bigserial, %s)" % defs)
    psql(url, "\\copy demo (%s) FROM '%s' WITH (FORMAT csv, HEADER true)" % (", ".join('"%s"' % c for c in cols), demo))
    psql(url, """CREATE VIEW demo_v AS SELECT rn, invoice_id, activity, CAST("timestamp" AS timestamptz) AS ts,
        resource, customer, segment, CAST(amount AS double precision) AS amount, currency,
        CAST(due_date AS timestamptz) AS due_date, channel, CAST(dunning_level AS double precision) AS dunning_level,
        dispute_reason, CAST(promise_date AS timestamptz) AS promise_date FROM demo""")


# ---- DuckDB (the Python package: the current release, not the library the CLI embeds) ----

def cmd_duckdb(relance, data):
    import duckdb
    con = duckdb.connect()
    # Instants without an offset are UTC, as the engine reads them; the SQL never depends on the session
    # zone otherwise (month-ends in a zone come from --time-zone).
    con.execute("SET TimeZone = 'UTC'")
    print("duckdb %s (Python package)" % duckdb.__version__, flush=True)

    def load(path, view, casts):
        # Columns by position (running-example has both `activity` and `Activity`, one name to DuckDB),
        # text as written; the table's rowid numbers the rows in file order.
        cols = header(path)
        names = ", ".join("'c%d'" % i for i in range(len(cols)))
        con.execute("DROP VIEW IF EXISTS %s; DROP TABLE IF EXISTS %s_raw" % (view, view))
        con.execute("CREATE TABLE %s_raw AS SELECT * FROM read_csv('%s', header = true, all_varchar = true, "
                    "names = [%s], null_padding = true)" % (view, path.replace("'", "''"), names))
        first = {}
        for i, c in enumerate(cols):
            first.setdefault(c.lower(), (c, i))
        select = ["rowid AS rn"]
        for c, i in first.values():
            src = "c%d" % i
            if c == "timestamp":
                select.append("CAST(%s AS TIMESTAMPTZ) AS ts" % src)
            else:
                select.append('%s AS "%s"' % ("CAST(%s AS %s)" % (src, casts[c]) if c in casts else src,
                                               c.replace('"', '""')))
        con.execute("CREATE VIEW %s AS SELECT %s FROM %s_raw" % (view, ", ".join(select), view))

    def bundle(out, names, sql_for):
        os.makedirs(out)
        for a in names:
            path = os.path.join(out, a + ".json")
            query = sql_for(a).strip().rstrip(";")
            con.execute("COPY (%s\n) TO '%s' (FORMAT json)" % (query, path))
        return run([relance, "bundle", out, "--engine", "duckdb %s" % duckdb.__version__, "--json"])

    with tempfile.TemporaryDirectory() as d:
        for i, name in enumerate(ALL_LOGS):
            path = os.path.join(data, name)
            t0 = time.time()
            label = "duckdb %s %s" % (duckdb.__version__, name)
            try:
                load(path, "ev%d" % i, {})
                doc = bundle(os.path.join(d, "log%d" % i), CORE, lambda a: sql(relance, "duckdb", "ev%d" % i, a))
            except duckdb.Error as e:
                # A query this release rejects (DuckDB 2.0 refuses the `x -> e` lambda, for one).
                check(label, False, str(e)[:1000])
                continue
            compare_docs("%s (%.1f s)" % (label, time.time() - t0), doc,
                         run([relance, "analyze", path, "--json"]), name.split("/")[-1] in CAPPED)
        demo, mfile, want = demo_with_roles(relance, d, 2000)
        t0 = time.time()
        load(demo, "demo", {"amount": "DOUBLE", "dunning_level": "DOUBLE",
                            "due_date": "TIMESTAMPTZ", "promise_date": "TIMESTAMPTZ"})
        doc = json.loads(bundle(os.path.join(d, "demo"), CORE + COLLECTIONS, demo_sql(relance, "duckdb", mfile)))
        compare_collections("duckdb %s collections on the demo log (2,000 invoices, %.1f s)" % (
            duckdb.__version__, time.time() - t0), doc["collections"], want)
        compare_docs("duckdb %s demo log core analyses" % duckdb.__version__, json.dumps(doc),
                     run([relance, "analyze", demo, "--json"]), False)


# ---- Spark ----

def cmd_spark(relance, data):
    from pyspark.sql import SparkSession
    started = time.time()
    spark = (SparkSession.builder.master("local[2]").appName("relance-warehouse-tests")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.sql.shuffle.partitions", "4")
             .config("spark.driver.memory", "2g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    print("spark %s started in %.1f s" % (spark.version, time.time() - started), flush=True)

    def load(path, view, casts):
        from pyspark.sql import functions as F
        df = spark.read.option("header", True).option("inferSchema", False).csv(path)
        # Columns by position under their exact names: Spark renames names that differ only in case
        # (running-example has both `activity` and `Activity`); keep the first of each.
        names = header(path)
        df = df.toDF(*["c%d" % i for i in range(len(names))])
        keep, seen = [], set()
        for i, n in enumerate(names):
            if n.lower() not in seen:
                seen.add(n.lower())
                keep.append(F.col("c%d" % i).alias(n))
        df = df.select(*keep)
        # A row number in file order: monotonically increasing within and across the file's splits.
        df = df.withColumn("rn", F.monotonically_increasing_id())
        df = df.withColumn("ts", F.col("timestamp").cast("timestamp"))
        for c, t in casts.items():
            df = df.withColumn(c, F.col(c).cast(t))
        df.createOrReplaceTempView(view)

    def bundle(out, names, sql_for):
        for a in names:
            result = spark.sql(sql_for(a))
            if a == "dfg":
                # One result as Parquet, as a user may save it: the bundle reads it through DuckDB.
                result.write.mode("overwrite").parquet(os.path.join(out, a))
            else:
                result.write.mode("overwrite").option("ignoreNullFields", "false").json(os.path.join(out, a))
        return run([relance, "bundle", out, "--engine", "spark", "--json"])

    with tempfile.TemporaryDirectory() as d:
        for i, name in enumerate(SPARK_LOGS):
            path = os.path.join(data, name)
            t0 = time.time()
            load(path, "ev%d" % i, {})
            doc = bundle(os.path.join(d, "log%d" % i), CORE, lambda a: sql(relance, "spark", "ev%d" % i, a))
            compare_docs("spark %s (%.1f s)" % (name, time.time() - t0), doc,
                         run([relance, "analyze", path, "--json"]), False)
        # A Parquet file (typed timestamps, file order kept) read by `relance warehouse` directly.
        fines = os.path.join(data, "Road_Traffic_Fine_Management_Process.csv.gz")
        t0 = time.time()
        load(fines, "fines", {})
        pq = os.path.join(d, "fines.parquet")
        spark.table("fines").select("case_id", "activity", "ts").coalesce(1).write.parquet(pq)
        part = sorted(f for f in os.listdir(pq) if f.endswith(".parquet"))[0]
        doc = run([relance, "warehouse", os.path.join(pq, part), "--case", "case_id", "--activity", "activity",
                   "--timestamp", "ts", "--json"])
        compare_docs("warehouse on a Parquet file written by Spark (road fines, %.1f s)" % (time.time() - t0), doc,
                     run([relance, "analyze", fines, "--json"]), False)
        demo, mfile, want = demo_with_roles(relance, d, 2000)
        t0 = time.time()
        load(demo, "demo", {"amount": "double", "dunning_level": "double",
                            "due_date": "timestamp", "promise_date": "timestamp"})
        doc = json.loads(bundle(os.path.join(d, "demo"), CORE + COLLECTIONS, demo_sql(relance, "spark", mfile)))
        compare_collections("spark collections on the demo log (2,000 invoices, %.1f s)" % (time.time() - t0),
                            doc["collections"], want)
    spark.stop()


def main():
    what, relance = sys.argv[1], sys.argv[2]
    if what == "sqlglot":
        cmd_sqlglot(relance)
    elif what == "postgres":
        cmd_postgres(relance, sys.argv[3], sys.argv[4])
    elif what == "spark":
        cmd_spark(relance, sys.argv[3])
    elif what == "duckdb":
        cmd_duckdb(relance, sys.argv[3])
    else:
        raise SystemExit(__doc__)
    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
