"""Reads a sheet of an .xlsx workbook into a DataFrame, as an analyst would, and prints rows, columns and
the in-process read time on stderr (`timing load_s=`), for bench/xlsx.sh.

Usage: python xlsx_read.py pandas|polars FILE.xlsx
  pandas: pandas.read_excel(engine="openpyxl") (openpyxl's default read path)
  polars: polars.read_excel() with its default engine (fastexcel, which wraps calamine)
"""
import sys
import time

tool, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if tool == "pandas":
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_excel(path, engine="openpyxl")
    rows, cols = df.shape
elif tool == "polars":
    import polars as pl

    t0 = time.perf_counter()
    df = pl.read_excel(path)
    rows, cols = df.shape
else:
    sys.exit(f"unknown tool {tool}")
print(f"timing load_s={time.perf_counter() - t0:.3f}", file=sys.stderr)
print({"rows": rows, "columns": cols})
