#!/usr/bin/env python3
"""Splits a generated export folder the way most CRMs export (issue 28): one file per fact entity
and month (`orders-2026-09.csv`, …), the master lists as they are. The facts of `--hold` (a month,
YYYY-MM) go to a second folder with master lists re-exported a month later (`--new-customers`
more customers, one renamed), for an incremental run to add.
  scripts/monthly-split.py IN OUT HELD --hold 2026-10 [--new-customers 200]"""
import argparse, csv, os, shutil

DATES = {"orders": "order_date", "visits": "visit_start", "complaints": "received_at", "surveys": "surveyed_at",
         "service_requests": "reported_at", "visit_plans": "planned_date"}

def split(src, out, held, hold):
    entity = os.path.basename(src)[:-4]
    with open(src, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        at = header.index(DATES[entity])
        writers, files = {}, []
        for row in rows:
            month = row[at][:7]
            if month not in writers:
                folder = held if month == hold else out
                fh = open(os.path.join(folder, f"{entity}-{month}.csv"), "w", newline="", encoding="utf-8")
                files.append(fh)
                writers[month] = csv.writer(fh)
                writers[month].writerow(header)
            writers[month].writerow(row)
        for fh in files:
            fh.close()

def reexport_customers(src, dst, new):
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    name, manager = header.index("name"), header.index("manager_id")
    body[0][name] = body[0][name] + "（更名）"
    for i in range(new):
        extra = list(body[i % len(body)])
        extra[0] = f"CN{i:06d}"
        extra[name] = f"新客户{i}"
        body.append(extra)
    with open(dst, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header] + body)

def main():
    p = argparse.ArgumentParser()
    p.add_argument("input"); p.add_argument("out"); p.add_argument("held")
    p.add_argument("--hold", required=True); p.add_argument("--new-customers", type=int, default=200)
    a = p.parse_args()
    for folder in (a.out, a.held):
        os.makedirs(folder, exist_ok=True)
    for name in sorted(os.listdir(a.input)):
        src = os.path.join(a.input, name)
        if not name.endswith(".csv"):
            continue
        if name[:-4] in DATES:
            split(src, a.out, a.held, a.hold)
        else:
            shutil.copy(src, os.path.join(a.out, name))
    reexport_customers(os.path.join(a.input, "customers.csv"), os.path.join(a.held, "customers.csv"), a.new_customers)
    shutil.copy(os.path.join(a.input, "managers.csv"), os.path.join(a.held, "managers.csv"))

main()
