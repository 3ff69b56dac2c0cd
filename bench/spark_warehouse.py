#!/usr/bin/env python3
"""Spark local[2] on a demo log: load the CSV, run the seven core queries of `relance sql --dialect
spark`, save each result as JSON and assemble them with `relance bundle` (BENCHMARKS.md, warehouse
mode). Usage: spark_warehouse.py RELANCE DEMO.csv OUTDIR. Prints load, per-query and total seconds."""
import os
import subprocess
import sys
import time

from pyspark.sql import SparkSession, functions as F

relance, demo, out = sys.argv[1:4]
t0 = time.time()
spark = (SparkSession.builder.master("local[2]").appName("relance-bench")
         .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
         .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "8g"))
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
t1 = time.time()
df = spark.read.option("header", True).csv(demo).select("invoice_id", "activity", "timestamp")
df = df.withColumn("rn", F.monotonically_increasing_id()).withColumn("ts", F.col("timestamp").cast("timestamp"))
df.createOrReplaceTempView("events")
print("startup_s=%.1f" % (t1 - t0), flush=True)
total = 0.0
for a in ["log", "activities", "start_activities", "end_activities", "dfg", "variants", "case_durations"]:
    sql = subprocess.run([relance, "sql", "--dialect", "spark", "--table", "events", "--case", "invoice_id",
                          "--activity", "activity", "--timestamp", "ts", "--order", "rn", "--analysis", a],
                         capture_output=True, text=True, check=True).stdout
    s = time.time()
    spark.sql(sql).write.mode("overwrite").option("ignoreNullFields", "false").json(os.path.join(out, a))
    e = time.time() - s
    total += e
    print("%s_s=%.1f" % (a, e), flush=True)
print("queries_s=%.1f" % total)
spark.stop()
s = time.time()
subprocess.run([relance, "bundle", out, "--engine", "spark", "--json"], check=True, stdout=open(os.path.join(out, "summary.json"), "w"))
print("bundle_s=%.2f total_wall_s=%.1f" % (time.time() - s, time.time() - t0))
