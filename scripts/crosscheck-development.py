#!/usr/bin/env python3
"""Independent cross-check of SPEC §3.7 (receivables and collection) and
§3.8 (customer development and continuity), written from the spec text only.
(Written by a second hand from the SPEC alone, without reading the Swift code; run
by hand after changing a §3.7/§3.8 rule, not by the tests: it needs a real run.)

Reads the staged input tables of the Scorecard SQLite warehouse (read-only),
recomputes the §3.7/§3.8 result tables for one period and compares them with
the tables the Swift program wrote (receivables, chase_list, new_customers,
customers_left_behind, survey_reach, manager_scores.collection_rate /
manager_scores.new_customers).

    python3 scripts/crosscheck-development.py --warehouse output/warehouse.sqlite --period 2026-10
        [--buckets 30,60,90] [--first-contact-days 30]
        [--counting-types on_site,phone] [--timezone Asia/Shanghai]
        [--as-of ISO-or-epoch] [--survey-months 12] [--show-own] [--max-print 20]

Exit status: 0 all match, 1 mismatches (or missing tables/columns), 2 usage /
input error.
"""

import argparse
import calendar
import datetime as dt
import re
import sqlite3
import sys
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

MONEY_TOL = Decimal("0.005")  # "to the cent"
RATE_TOL = 1e-9


# --------------------------------------------------------------------------
# time helpers
# --------------------------------------------------------------------------

class Clock:
    def __init__(self, tzname):
        self.tz = ZoneInfo(tzname)

    def start_of_day(self, d):
        """Epoch seconds of the start of local date d."""
        return dt.datetime(d.year, d.month, d.day, tzinfo=self.tz).timestamp()

    def parse_instant(self, text):
        """ISO text -> epoch seconds. A date-only value is the START of its day
        in the pipeline zone (§3); a naive time is in the pipeline zone."""
        if text is None:
            return None
        s = str(text).strip()
        if s == "":
            return None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return self.start_of_day(dt.date.fromisoformat(s))
        s2 = s.replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2} ", s) else s
        if s2.endswith("Z"):
            s2 = s2[:-1] + "+00:00"
        x = dt.datetime.fromisoformat(s2)
        if x.tzinfo is None:
            x = x.replace(tzinfo=self.tz)
        return x.timestamp()

    def parse_date(self, text):
        """Date-only (or datetime) text -> local calendar date."""
        if text is None:
            return None
        s = str(text).strip()
        if s == "":
            return None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return dt.date.fromisoformat(s)
        return self.local_date(self.parse_instant(s))

    def local_date(self, epoch):
        return dt.datetime.fromtimestamp(epoch, self.tz).date()

    def iso(self, epoch):
        if epoch is None:
            return None
        return dt.datetime.fromtimestamp(epoch, self.tz).isoformat()


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    day = min(d.day, calendar.monthrange(y, m)[1])
    return dt.date(y, m, day)


def period_bounds(name):
    """Period name -> (start_date, end_date) local dates, half-open."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", name)
    if m:
        s = dt.date(int(m[1]), int(m[2]), 1)
        return s, add_months(s, 1)
    m = re.fullmatch(r"(\d{4})-(\d{2})-H([12])", name)
    if m:
        y, mo = int(m[1]), int(m[2])
        if m[3] == "1":
            return dt.date(y, mo, 1), dt.date(y, mo, 16)
        return dt.date(y, mo, 16), add_months(dt.date(y, mo, 1), 1)
    m = re.fullmatch(r"(\d{4})-W(\d{2})", name)
    if m:
        s = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return s, s + dt.timedelta(days=7)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", name)
    if m:
        s = dt.date(int(m[1]), 3 * (int(m[2]) - 1) + 1, 1)
        return s, add_months(s, 3)
    m = re.fullmatch(r"(\d{4})", name)
    if m:
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]) + 1, 1, 1)
    raise ValueError("unknown period name: %r" % name)


def D(x):
    """float/REAL -> Decimal without binary noise (amounts are cents)."""
    if x is None:
        return None
    return Decimal(repr(float(x)))


def ratio(num, den):
    if den is None or den == 0:
        return None
    return float(num / den)


# --------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------

def table_exists(con, name):
    return con.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name=?",
                       (name,)).fetchone() is not None


def columns_of(con, name):
    return [r[1] for r in con.execute('PRAGMA table_info("%s")' % name)]


def rows(con, sql, params=()):
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def load(con, period, clock, as_of_override):
    data = {}
    data["managers"] = {r["manager_id"]: r for r in rows(con, "SELECT * FROM managers")}
    data["customers"] = {r["customer_id"]: r for r in rows(con, "SELECT * FROM customers")}
    data["orders"] = rows(con, "SELECT * FROM orders")
    data["visits"] = rows(con, "SELECT * FROM visits")
    data["surveys"] = rows(con, "SELECT * FROM surveys")

    if as_of_override:
        s = as_of_override.strip()
        as_of = float(s) if re.fullmatch(r"\d+(\.\d+)?", s) else clock.parse_instant(s)
        as_of_src = "--as-of"
    else:
        if not table_exists(con, "period_metrics"):
            print("period_metrics table missing: cannot take as_of (use --as-of)", file=sys.stderr); sys.exit(2)
        r = con.execute("SELECT value FROM period_metrics WHERE period=? AND metric='as_of_epoch'",
                        (period,)).fetchone()
        if r is None or r[0] is None:
            print("no period_metrics(as_of_epoch) row for period %s (use --as-of)" % period, file=sys.stderr); sys.exit(2)
        as_of = float(r[0])
        as_of_src = "period_metrics.as_of_epoch"
    data["as_of"] = as_of
    data["as_of_src"] = as_of_src

    grades = {}
    if table_exists(con, "customer_grades"):
        for r in rows(con, "SELECT customer_id, grade, sales_12m FROM customer_grades WHERE period=?",
                      (period,)):
            grades[r["customer_id"]] = r
        if not grades:
            print("WARNING: no customer_grades rows for period %s; grades/sales_12m will be NULL" % period)
    else:
        print("WARNING: customer_grades table missing; grades/sales_12m will be NULL")
    data["grades"] = grades
    return data


# --------------------------------------------------------------------------
# computation
# --------------------------------------------------------------------------

class Buckets:
    def __init__(self, bounds):
        self.bounds = bounds
        self.ranges = []  # (lo, hi or None)
        lo = 1
        for b in bounds:
            self.ranges.append((lo, b))
            lo = b + 1
        self.ranges.append((lo, None))

    def index(self, days):
        for i, (lo, hi) in enumerate(self.ranges):
            if hi is None or days <= hi:
                return i
        return len(self.ranges) - 1

    def label(self, i):
        lo, hi = self.ranges[i]
        return "%d+" % lo if hi is None else "%d-%d" % (lo, hi)

    def column(self, i):
        lo, hi = self.ranges[i]
        return "overdue_%d_plus" % lo if hi is None else "overdue_%d_%d" % (lo, hi)


def compute(data, period, args, clock):
    as_of = data["as_of"]
    as_of_date = clock.local_date(as_of)
    p_start_d, p_end_d = period_bounds(period)
    p_start, p_end = clock.start_of_day(p_start_d), clock.start_of_day(p_end_d)
    buckets = Buckets(args.buckets)
    counting = set(args.counting_types)
    customers, managers, grades = data["customers"], data["managers"], data["grades"]

    # ---- visits per customer, by as_of ------------------------------------
    visits_by_cust = defaultdict(list)  # customer -> [(start, type)]
    for v in data["visits"]:
        t = clock.parse_instant(v["visit_start"])
        if t is None or t > as_of:
            continue
        typ = v["type"] or "on_site"  # §2.2 default on_site
        visits_by_cust[v["customer_id"]].append((t, typ))
    for lst in visits_by_cust.values():
        lst.sort()

    def last_visit(cid, types=None):
        best = None
        for t, typ in visits_by_cust.get(cid, ()):
            if types is None or typ in types:
                best = t if best is None or t > best else best
        return best

    # ---- §3.7 receivables ---------------------------------------------------
    def order_manager(o):
        m = o["manager_id"]
        if m is None or str(m).strip() == "":
            c = customers.get(o["customer_id"])
            m = c["manager_id"] if c else None
        return m

    def new_acc():
        return {"outstanding": Decimal(0), "not_yet_due": Decimal(0), "overdue": Decimal(0),
                "buckets": [Decimal(0)] * len(buckets.ranges), "overdue_orders": 0,
                "oldest_days_overdue": None, "amount_due": Decimal(0),
                "paid": Decimal(0), "paid_on_time": Decimal(0), "due_orders": 0}

    acc = defaultdict(new_acc)
    cust_overdue = {}  # customer -> dict
    n_recv_orders = 0
    for o in data["orders"]:
        status = o["status"] or "completed"
        if status != "completed":
            continue
        due = clock.parse_date(o["due_date"])
        if due is None:
            continue
        ot = clock.parse_instant(o["order_date"])
        if ot is None or ot > as_of:
            continue
        n_recv_orders += 1
        amt = D(o["amount"])
        mgr = order_manager(o)
        paid_d = o["paid_date"]
        paid_t = clock.parse_instant(paid_d) if paid_d not in (None, "") else None
        paid_by_as_of = paid_t is not None and paid_t <= as_of
        paid_date_local = clock.parse_date(paid_d) if paid_by_as_of else None
        for key in (mgr, ""):
            a = acc[key]
            if not paid_by_as_of:
                a["outstanding"] += amt
                if due < as_of_date:
                    days = (as_of_date - due).days
                    a["overdue"] += amt
                    a["buckets"][buckets.index(days)] += amt
                    a["overdue_orders"] += 1
                    if a["oldest_days_overdue"] is None or days > a["oldest_days_overdue"]:
                        a["oldest_days_overdue"] = days
                else:
                    a["not_yet_due"] += amt
            # collection: due in [start, end) and before as_of's date
            if p_start_d <= due < p_end_d and due < as_of_date:
                a["amount_due"] += amt
                a["due_orders"] += 1
                if paid_by_as_of:
                    a["paid"] += amt
                    if paid_date_local <= due:
                        a["paid_on_time"] += amt
        if not paid_by_as_of and due < as_of_date:
            days = (as_of_date - due).days
            c = cust_overdue.setdefault(o["customer_id"], {"amount": Decimal(0), "days": 0,
                                                          "oldest_due": due, "orders": 0})
            c["amount"] += amt
            c["orders"] += 1
            if days > c["days"]:
                c["days"] = days
            if due < c["oldest_due"]:
                c["oldest_due"] = due

    receivables = {}
    for key, a in acc.items():
        r = {"outstanding": a["outstanding"], "not_yet_due": a["not_yet_due"],
             "overdue": a["overdue"], "overdue_orders": a["overdue_orders"],
             "oldest_days_overdue": a["oldest_days_overdue"], "amount_due": a["amount_due"],
             "collection_rate": ratio(a["paid"], a["amount_due"]) if a["due_orders"] else None,
             "on_time_collection_rate": ratio(a["paid_on_time"], a["amount_due"]) if a["due_orders"] else None}
        for i in range(len(buckets.ranges)):
            r[buckets.column(i)] = a["buckets"][i]
        receivables[(key,)] = r
    if ("",) not in receivables:  # overall row always exists
        a = new_acc()
        r = {"outstanding": Decimal(0), "not_yet_due": Decimal(0), "overdue": Decimal(0),
             "overdue_orders": 0, "oldest_days_overdue": None, "amount_due": Decimal(0),
             "collection_rate": None, "on_time_collection_rate": None}
        for i in range(len(buckets.ranges)):
            r[buckets.column(i)] = Decimal(0)
        receivables[("",)] = r

    chase = {}
    for cid, c in cust_overdue.items():
        if c["amount"] <= 0:
            continue
        cust = customers.get(cid)
        lv = last_visit(cid, counting)
        chase[(cid,)] = {
            "manager_id": cust["manager_id"] if cust else None,
            "grade": grades.get(cid, {}).get("grade"),
            "overdue_amount": c["amount"],
            "oldest_days_overdue": c["days"],
            "bucket": buckets.label(buckets.index(c["days"])),
            "last_visit": lv,
            "visited_since_overdue": 1 if (lv is not None and clock.local_date(lv) > c["oldest_due"]) else 0,
        }

    # ---- §3.8 new customers ----------------------------------------------
    first_order = {}
    for o in data["orders"]:  # any status, only orders before the period end
        t = clock.parse_instant(o["order_date"])
        if t is None or t >= p_end:
            continue
        cid = o["customer_id"]
        if cid not in first_order or t < first_order[cid]:
            first_order[cid] = t
    fc_secs = args.first_contact_days * 86400
    new_customers = {}
    for cid, c in customers.items():
        cands = []
        since = clock.parse_instant(c["since"]) if c["since"] not in (None, "") else None
        if since is not None:
            cands.append(since)
        if cid in first_order:
            cands.append(first_order[cid])
        if not cands:
            continue
        fa = min(cands)
        if not (p_start <= fa < p_end):
            continue
        deadline = fa + fc_secs
        met = any(typ in counting and fa <= t <= deadline and t <= as_of
                  for t, typ in visits_by_cust.get(cid, ()))
        if met:
            st = "met"
        elif deadline < as_of:
            st = "breached"
        else:
            st = "pending"
        new_customers[(cid,)] = {"manager_id": c["manager_id"], "first_activity": fa,
                                 "first_contact_status": st}

    # ---- §3.8 customers left behind ---------------------------------------
    left_behind = {}
    for cid, c in customers.items():
        m = managers.get(c["manager_id"])
        if m is None or (m["status"] or "active") != "left":
            continue
        g = grades.get(cid, {})
        left_behind[(cid,)] = {"manager_id": c["manager_id"], "team": m["team"],
                               "grade": g.get("grade"),
                               "sales_12m": D(g["sales_12m"]) if g.get("sales_12m") is not None else None,
                               "last_visit": last_visit(cid, None)}

    # ---- §3.8 survey reach --------------------------------------------------
    win_start = clock.start_of_day(add_months(p_end_d, -args.survey_months))
    surveyed = set()
    for s in data["surveys"]:
        t = clock.parse_instant(s["surveyed_at"])
        if t is None or t > as_of:
            continue
        if win_start <= t < p_end:
            surveyed.add(s["customer_id"])
    reach_cnt = defaultdict(lambda: [0, 0])
    for cid, c in customers.items():
        g = grades.get(cid, {}).get("grade") or ""
        hit = 1 if cid in surveyed else 0
        keys = {(c["manager_id"], ""), ("", "")}
        if g:
            keys |= {(c["manager_id"], g), ("", g)}
        for k in keys:
            reach_cnt[k][0] += 1
            reach_cnt[k][1] += hit
    survey_reach = {k: {"customers": n, "surveyed": s, "reach": (s / n if n else None)}
                    for k, (n, s) in reach_cnt.items()}
    if ("", "") not in survey_reach:
        survey_reach[("", "")] = {"customers": 0, "surveyed": 0, "reach": None}

    # ---- manager_scores additions ----------------------------------------
    nc_count = defaultdict(int)
    for v in new_customers.values():
        nc_count[v["manager_id"]] += 1
    ms_extra = {}
    for m in set(managers) | {k[0] for k in receivables if k[0]} | set(nc_count):
        r = receivables.get((m,))
        ms_extra[(m,)] = {"collection_rate": r["collection_rate"] if r else None,
                          "new_customers": nc_count.get(m, 0)}

    return {
        "as_of": as_of, "as_of_date": as_of_date, "period": (p_start_d, p_end_d),
        "n_recv_orders": n_recv_orders,
        "receivables": receivables, "chase_list": chase, "new_customers": new_customers,
        "customers_left_behind": left_behind, "survey_reach": survey_reach,
        "manager_scores": ms_extra, "buckets": buckets,
    }


# --------------------------------------------------------------------------
# comparison
# --------------------------------------------------------------------------

def norm_label(x):
    if x is None:
        return None
    return re.sub(r"\s+", "", str(x)).replace("\u2013", "-").replace("\u2014", "-").replace("～", "-").replace("~", "-")


def make_cmp(kind, clock):
    """Return f(expected, actual) -> (ok, shown_expected, shown_actual)."""
    def money(e, a):
        if e is None or a is None:
            return e is None and a is None
        return abs(Decimal(str(e)) - D(a)) < MONEY_TOL

    def rate(e, a):
        if e is None or a is None:
            return e is None and a is None
        return abs(float(e) - float(a)) <= RATE_TOL

    def integer(e, a):
        if e is None or a is None:
            return e is None and a is None
        try:
            return int(e) == int(a) and float(a) == int(a)
        except (TypeError, ValueError):
            return False

    def instant(e, a):
        if e is None or a in (None, ""):
            return e is None and a in (None, "")
        try:
            return abs(clock.parse_instant(a) - e) < 1e-6
        except (ValueError, TypeError):
            return False

    def text(e, a):
        # NULL and '' are the same "no value"; numbers stored as text compare as text
        return (None if e in (None, "") else str(e)) == (None if a in (None, "") else str(a))

    def label(e, a):
        return norm_label(e) == norm_label(a)

    return {"money": money, "rate": rate, "int": integer, "instant": instant,
            "text": text, "label": label}[kind]


SPECS = {
    # table: (key columns, {column: kind})
    "receivables": (["manager_id"], None),  # columns filled in at runtime (bucket names)
    "chase_list": (["customer_id"], {"manager_id": "text", "grade": "text", "overdue_amount": "money",
                                     "oldest_days_overdue": "int", "bucket": "label",
                                     "last_visit": "instant", "visited_since_overdue": "int"}),
    "new_customers": (["customer_id"], {"manager_id": "text", "first_activity": "instant",
                                        "first_contact_status": "text"}),
    "customers_left_behind": (["customer_id"], {"manager_id": "text", "team": "text", "grade": "text",
                                                "sales_12m": "money", "last_visit": "instant"}),
    "survey_reach": (["manager_id", "grade"], {"customers": "int", "surveyed": "int", "reach": "rate"}),
    "manager_scores": (["manager_id"], {"collection_rate": "rate", "new_customers": "int"}),
}


def show(v, clock, kind):
    if v is None:
        return "NULL"
    if kind == "instant" and isinstance(v, float):
        return clock.iso(v)
    if isinstance(v, Decimal):
        return str(v)
    return repr(v)


def is_empty_row(row, cols):
    """A row that carries no information (zeros / NULLs): its absence on the
    other side is reported as a note, not a mismatch."""
    for c, kind in cols.items():
        v = row.get(c)
        if v is None or v == "" or (kind in ("money", "int", "rate") and float(v) == 0):
            continue
        return False
    return True


def compare_table(con, period, name, expected, cols, keycols, clock, max_print, only_present=False):
    print("\n== %s" % name)
    if not table_exists(con, name):
        print("  table missing")
        return 1, "table missing"
    have = columns_of(con, name)
    missing_cols = [c for c in ["period"] + keycols + list(cols) if c not in have]
    if missing_cols:
        print("  column(s) missing: %s" % ", ".join(missing_cols))
        if "period" in missing_cols or any(k in missing_cols for k in keycols):
            return 1, "key column missing"
        cols = {c: k for c, k in cols.items() if c not in missing_cols}
    sel = ", ".join('"%s"' % c for c in keycols + list(cols))
    actual_rows = con.execute('SELECT %s FROM "%s" WHERE period=?' % (sel, name), (period,)).fetchall()
    actual = {}
    dups = 0
    for r in actual_rows:
        key = tuple("" if v is None else str(v) for v in r[:len(keycols)])
        if key in actual:
            dups += 1
        actual[key] = dict(zip(cols, r[len(keycols):]))
    problems = []
    if dups:
        problems.append("  %d duplicate key row(s) in %s" % (dups, name))
    if missing_cols:
        problems.append("  missing column(s): %s" % ", ".join(missing_cols))
    notes = []
    cmps = {c: make_cmp(k, clock) for c, k in cols.items()}
    for key in sorted(set(expected) | set(actual)):
        e, a = expected.get(key), actual.get(key)
        kshow = "/".join(repr(k) for k in key)
        if a is None:
            if only_present:
                continue
            if is_empty_row(e, cols):
                notes.append("  note: %s absent in Swift table (own row is all zero/NULL)" % kshow)
            else:
                problems.append("  %s: missing in Swift table; expected %s" % (
                    kshow, {c: show(e.get(c), clock, k) for c, k in cols.items()}))
            continue
        if e is None:
            if is_empty_row(a, cols):
                notes.append("  note: %s only in Swift table (all zero/NULL)" % kshow)
            else:
                problems.append("  %s: unexpected row in Swift table: %s" % (kshow, a))
            continue
        for c, kind in cols.items():
            ev, av = e.get(c), a.get(c)
            ok = cmps[c](ev, av)
            if not ok:
                problems.append("  %s.%s: expected %s, got %s" % (kshow, c, show(ev, clock, kind),
                                                                   show(av, clock, kind)))
    print("  own rows: %d, Swift rows: %d" % (len(expected), len(actual)))
    for n in notes[:5]:
        print(n)
    if len(notes) > 5:
        print("  ... %d more notes" % (len(notes) - 5))
    for p in problems[:max_print]:
        print(p)
    if len(problems) > max_print:
        print("  ... %d more mismatches in %s" % (len(problems) - max_print, name))
    if not problems:
        print("  match")
    return len(problems), None


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warehouse", required=True)
    ap.add_argument("--period", required=True)
    ap.add_argument("--buckets", default="30,60,90")
    ap.add_argument("--first-contact-days", type=int, default=30)
    ap.add_argument("--counting-types", default="on_site,phone")
    ap.add_argument("--timezone", default="Asia/Shanghai")
    ap.add_argument("--survey-months", type=int, default=12)
    ap.add_argument("--as-of", default=None, help="override as_of (ISO text or epoch seconds)")
    ap.add_argument("--max-print", type=int, default=20)
    ap.add_argument("--show-own", action="store_true", help="print own receivables and survey_reach rows")
    args = ap.parse_args()
    try:
        args.buckets = [int(x) for x in args.buckets.split(",") if x.strip()]
        if args.buckets != sorted(set(args.buckets)) or any(b <= 0 for b in args.buckets):
            raise ValueError
    except ValueError:
        ap.error("--buckets must be increasing positive integers, e.g. 30,60,90")
    args.counting_types = [x.strip() for x in args.counting_types.split(",") if x.strip()]
    try:
        period_bounds(args.period)
    except ValueError as e:
        ap.error(str(e))

    clock = Clock(args.timezone)
    import os
    if not os.path.exists(args.warehouse):
        print("no such warehouse: %s" % args.warehouse, file=sys.stderr)
        return 2
    con = sqlite3.connect("file:%s?mode=ro" % args.warehouse, uri=True)
    for t in ("managers", "customers", "orders", "visits", "surveys"):
        if not table_exists(con, t):
            print("staged input table %s missing in %s" % (t, args.warehouse), file=sys.stderr)
            return 2
    data = load(con, args.period, clock, args.as_of)
    res = compute(data, args.period, args, clock)
    b = res["buckets"]

    ps, pe = res["period"]
    print("period %s = [%s, %s) %s; as_of = %s (%s; local date %s)" % (
        args.period, ps, pe, args.timezone, clock.iso(res["as_of"]), data["as_of_src"], res["as_of_date"]))
    print("buckets %s; first_contact_days %d; counting types %s" % (
        args.buckets, args.first_contact_days, ",".join(args.counting_types)))
    ov = res["receivables"][("",)]
    print("own overall receivables: " + ", ".join(
        "%s=%s" % (k, show(ov[k], clock, "")) for k in
        ["outstanding", "not_yet_due", "overdue"] + [b.column(i) for i in range(len(b.ranges))] +
        ["overdue_orders", "oldest_days_overdue", "amount_due", "collection_rate", "on_time_collection_rate"]))
    nc = res["new_customers"]
    st = defaultdict(int)
    for v in nc.values():
        st[v["first_contact_status"]] += 1
    print("own counts: receivable orders %d, receivables rows %d (incl. overall), chase_list %d, "
          "new_customers %d %s, customers_left_behind %d, survey_reach rows %d" % (
              res["n_recv_orders"], len(res["receivables"]), len(res["chase_list"]), len(nc), dict(st),
              len(res["customers_left_behind"]), len(res["survey_reach"])))
    sr = res["survey_reach"][("", "")]
    print("own overall survey reach: customers %d, surveyed %d, reach %s" % (sr["customers"], sr["surveyed"], sr["reach"]))
    if args.show_own:
        for k in sorted(res["receivables"]):
            print("  receivables %r: %s" % (k[0], {c: show(v, clock, "") for c, v in res["receivables"][k].items()}))
        for k in sorted(res["survey_reach"]):
            print("  survey_reach %r: %s" % (k, res["survey_reach"][k]))
        for k in sorted(res["chase_list"], key=lambda k: -res["chase_list"][k]["overdue_amount"]):
            r = res["chase_list"][k]
            print("  chase %s: %s" % (k[0], {c: show(v, clock, "instant") for c, v in r.items()}))
        for k in sorted(res["new_customers"]):
            r = res["new_customers"][k]
            print("  new %s: %s" % (k[0], {c: show(v, clock, "instant") for c, v in r.items()}))
        for k in sorted(res["customers_left_behind"]):
            r = res["customers_left_behind"][k]
            print("  left_behind %s: %s" % (k[0], {c: show(v, clock, "instant") for c, v in r.items()}))

    recv_cols = {"outstanding": "money", "not_yet_due": "money", "overdue": "money"}
    for i in range(len(b.ranges)):
        recv_cols[b.column(i)] = "money"
    recv_cols.update({"overdue_orders": "int", "oldest_days_overdue": "int", "amount_due": "money",
                      "collection_rate": "rate", "on_time_collection_rate": "rate"})

    total = 0
    missing = []
    for name in ["receivables", "chase_list", "new_customers", "customers_left_behind",
                 "survey_reach", "manager_scores"]:
        keycols, cols = SPECS[name]
        if cols is None:
            cols = recv_cols
        n, why = compare_table(con, args.period, name, res[name], cols, keycols, clock, args.max_print,
                               only_present=(name == "manager_scores"))
        total += n
        if why:
            missing.append("%s (%s)" % (name, why))
    print()
    if missing:
        print("not compared: " + "; ".join(missing))
    if total == 0:
        print("ALL MATCH")
        return 0
    print("MISMATCHES: %d" % total)
    return 1


if __name__ == "__main__":
    sys.exit(main())
