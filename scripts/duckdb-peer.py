#!/usr/bin/env python3
"""The benchmark's peer (SPEC §6, issue 10): DuckDB doing Scorecard's work on the same exports.

    python3 scripts/duckdb-peer.py --input DIR --period YYYY-MM [--db FILE]

Reads every entity CSV of the folder (SPEC §2.2) with real types (timestamps, dates,
DECIMAL amounts) into a DuckDB database file on disk, keeps the last row of each key
(§2.3), computes the period's metrics of §3 as tables, and prints one line:
`duckdb: wall <ms> ms, peak <MiB> MiB, rows <n>` (peak = ru_maxrss of this process).
A workload peer, not a checker: the figures are close to Scorecard's, not to the cent.
Clean (UTF-8, English header) exports only; DuckDB's default threads (all cores).
"""
import time
T0 = time.perf_counter()  # wall time counts the import too: Scorecard's counts its start-up
import argparse, glob, os, resource, tempfile
from datetime import date, timedelta
import duckdb

V, TS, D, MONEY, INT = "VARCHAR", "TIMESTAMP", "DATE", "DECIMAL(18,2)", "INTEGER"
# §2.2: entity -> (key columns, typed columns); a column missing from the file is NULL.
ENTITIES = {
    "managers": (["manager_id"], dict(manager_id=V, name=V, team=V, status=V, hire_date=D, territory=V)),
    "customers": (["customer_id"], dict(customer_id=V, name=V, manager_id=V, region=V, since=D, segment=V)),
    "orders": (["order_id"], dict(order_id=V, customer_id=V, manager_id=V, order_date=TS, amount=MONEY,
                                  cost=MONEY, due_date=D, paid_date=D, status=V)),
    "visits": (["visit_id"], dict(visit_id=V, manager_id=V, customer_id=V, visit_start=TS, visit_end=TS,
                                  duration_min=INT, type=V, report_submitted_at=TS)),
    "complaints": (["complaint_id"], dict(complaint_id=V, customer_id=V, manager_id=V, received_at=TS,
                                          first_response_at=TS, escalated_at=TS, resolved_at=TS, severity=V,
                                          category=V, channel=V, follow_up_at=TS, follow_up_type=V)),
    "surveys": (["survey_id"], dict(survey_id=V, customer_id=V, manager_id=V, surveyed_at=TS,
                                    overall=INT, nps=INT, comment=V)),
    "service_requests": (["request_id"], dict(request_id=V, customer_id=V, manager_id=V, reported_at=TS,
                                              category=V, completed_at=TS, follow_up_at=TS, follow_up_role=V,
                                              problem_found=V, notice_at=TS)),
    "visit_plans": (["manager_id", "customer_id", "planned_date"],
                    dict(manager_id=V, customer_id=V, planned_date=D, submitted_at=TS)),
}
OPTIONAL = {"service_requests", "visit_plans"}
DEFAULT_MANAGER = {"orders", "complaints", "surveys", "service_requests"}  # §2.2: else the customer's manager
# §3.5 default weights; §3.9 deadline classes; §3.3 counting visit types.
WEIGHTS = dict(sales=40, adjusted_satisfaction=25, sla_rate=20, coverage_rate=15)
SERVICE_CLASSES = {"safety": (2, ["安全设施", "消防", "电梯", "燃气"]), "leak": (3, ["漏水", "渗水", "水管"])}
COUNTING = "coalesce(type, 'on_site') IN ('on_site', 'phone')"


def load(con, folder, entity):
    """Stage one entity (§2.3, §2.4): typed read into raw_<entity>, then the last row per key wins."""
    keys, types = ENTITIES[entity]
    files = sorted(glob.glob(os.path.join(folder, f"{entity}*.csv")))
    files = [f for f in files if os.path.getsize(f) > 0]
    if not files:
        if entity not in OPTIONAL:
            raise SystemExit(f"duckdb-peer: no {entity}*.csv in {folder}")
        return 0
    with open(files[0], encoding="utf-8-sig") as f:
        header = [h.strip() for h in f.readline().rstrip("\r\n").split(",")]
    if entity == "surveys":  # §2.2: survey dimensions are any further score columns
        types = dict(types, **{h: INT for h in header if h and h not in types})
    present = {c: t for c, t in types.items() if c in header}
    spec = ", ".join(f"'{c}': '{t}'" for c, t in present.items())
    cols = ", ".join(c if c in present else f"NULL::{t} AS {c}" for c, t in types.items())
    flist = ", ".join(f"'{f}'" for f in files)
    con.execute(f"CREATE TABLE raw_{entity} AS SELECT {cols} FROM read_csv([{flist}], header = true, "
                f"types = {{{spec}}}, union_by_name = true)")
    rows = con.execute(f"SELECT count(*) FROM raw_{entity}").fetchone()[0]
    pick = f"QUALIFY row_number() OVER (PARTITION BY {', '.join('r.' + k for k in keys)} ORDER BY r.rowid DESC) = 1"
    if entity in DEFAULT_MANAGER:  # unknown customers are rejected (§2.3): the inner join drops them
        con.execute(f"CREATE TABLE {entity} AS SELECT r.* REPLACE (coalesce(r.manager_id, c.manager_id) AS manager_id) "
                    f"FROM raw_{entity} r JOIN customers c ON c.customer_id = r.customer_id {pick}")
    else:
        con.execute(f"CREATE TABLE {entity} AS SELECT r.* FROM raw_{entity} r {pick}")
    con.execute(f"DROP TABLE raw_{entity}")
    return rows


def pr(kpi):
    """§3.5 percent rank among managers that have the KPI: (values < x) / (n − 1), 1 when n = 1."""
    return (f"CASE WHEN {kpi} IS NULL THEN NULL WHEN count({kpi}) OVER () = 1 THEN 1.0 ELSE "
            f"percent_rank() OVER (PARTITION BY {kpi} IS NULL ORDER BY round({kpi}, 9)) END")


def sla(event, hours, asof):
    """§3.2 status of one target: met / breached / pending (events after as_of have not happened)."""
    due = f"received_at + INTERVAL {hours} HOUR"
    return (f"CASE WHEN {event} <= TIMESTAMP '{asof}' AND {event} <= {due} THEN 'met' "
            f"WHEN {event} <= TIMESTAMP '{asof}' OR {due} < TIMESTAMP '{asof}' THEN 'breached' ELSE 'pending' END")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True)
    ap.add_argument("--period", required=True, help="a month, YYYY-MM")
    ap.add_argument("--db", help="database file (default: a temporary file, removed at the end)")
    a = ap.parse_args()
    db = a.db or os.path.join(tempfile.gettempdir(), f"duckdb-peer-{os.getpid()}.duckdb")
    for f in (db, db + ".wal"):  # an empty warehouse, as the benchmark gives Scorecard
        if os.path.exists(f):
            os.remove(f)
    y, m = map(int, a.period.split("-"))
    S, E = date(y, m, 1), date(y + m // 12, m % 12 + 1, 1)  # §1: the period is [start, end)

    con = duckdb.connect(db)
    rows = sum(load(con, a.input, e) for e in ENTITIES)
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}

    # §3: as_of = the latest event (dates as the start of their day; not due_date, planned_date),
    # never earlier than the period end.
    events = dict(orders=["order_date", "paid_date"], visits=["visit_start", "visit_end", "report_submitted_at"],
                  complaints=["received_at", "first_response_at", "escalated_at", "resolved_at", "follow_up_at"],
                  surveys=["surveyed_at"], customers=["since"], managers=["hire_date"],
                  service_requests=["reported_at", "completed_at", "follow_up_at", "notice_at"],
                  visit_plans=["submitted_at"])
    latest = " UNION ALL ".join(f"SELECT max({c})::TIMESTAMP FROM {t}" for t, cs in events.items() if t in have
                                for c in cs)
    A = con.execute(f"SELECT greatest(max(m), TIMESTAMP '{E}') FROM ({latest}) x(m)").fetchone()[0]
    AD = A.date()
    P = f"'{S}' <= {{0}} AND {{0}} < '{E}'"  # in the period
    con.execute("CREATE TABLE run AS SELECT ? AS period, ?::DATE AS start, ?::DATE AS \"end\", ?::TIMESTAMP AS as_of",
                [a.period, S, E, A])

    # §3.1 grading on the 12-month ledger of completed orders; Pareto by strictly-greater share,
    # ties share a grade; > 30 days late on average lowers one step; provisional under 6 months.
    con.execute(f"""CREATE TABLE customer_grades AS
    WITH done AS (SELECT * FROM orders WHERE coalesce(status, 'completed') = 'completed'),
    led AS (SELECT customer_id, sum(amount) sales_12m, sum(amount - cost) FILTER (WHERE cost IS NOT NULL) profit_12m
            FROM done WHERE order_date >= DATE '{E}' - INTERVAL 12 MONTH AND order_date < '{E}' GROUP BY ALL),
    pay AS (SELECT customer_id, sum(amount * late) / nullif(sum(amount), 0) avg_days_late, avg((late = 0)::INT) on_time_rate
            FROM (SELECT customer_id, amount, CASE WHEN paid_date <= TIMESTAMP '{A}' THEN greatest(0, paid_date - due_date)
                         ELSE DATE '{AD}' - due_date END late
                  FROM done WHERE due_date >= DATE '{E}' - INTERVAL 12 MONTH AND due_date < '{E}' AND due_date < TIMESTAMP '{A}')
            GROUP BY ALL),
    first AS (SELECT customer_id, min(order_date) first_order FROM orders WHERE order_date < '{E}' GROUP BY ALL),
    b AS (SELECT c.customer_id, coalesce(l.sales_12m, 0) s, l.sales_12m, l.profit_12m, p.avg_days_late, p.on_time_rate,
                 least(c.since::TIMESTAMP, f.first_order) first_activity
          FROM customers c LEFT JOIN led l USING (customer_id) LEFT JOIN pay p USING (customer_id) LEFT JOIN first f USING (customer_id)),
    t AS (SELECT sum(s) FILTER (WHERE s > 0) total FROM b),
    lv AS (SELECT s, coalesce(sum(s * n) OVER (ORDER BY s DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) ahead
           FROM (SELECT s, count(*) n FROM b WHERE s > 0 GROUP BY s)),
    g AS (SELECT b.*, CASE WHEN b.s <= 0 OR coalesce(total, 0) = 0 THEN 'C' WHEN ahead < 0.70 * total THEN 'A'
                           WHEN ahead < 0.90 * total THEN 'B' ELSE 'C' END pareto
          FROM b CROSS JOIN t LEFT JOIN lv USING (s))
    SELECT customer_id, CASE WHEN avg_days_late > 30 THEN CASE pareto WHEN 'A' THEN 'B' ELSE 'C' END ELSE pareto END grade,
           coalesce(first_activity > DATE '{E}' - INTERVAL 6 MONTH, false) provisional, sales_12m, profit_12m, avg_days_late,
           on_time_rate, first_activity,
           concat_ws('; ', CASE WHEN s > 0 THEN pareto || ' by sales share' ELSE 'no sales' END,
                     CASE WHEN avg_days_late > 30 THEN printf('downgraded: %.1f days late on average', avg_days_late) END,
                     CASE WHEN first_activity > DATE '{E}' - INTERVAL 6 MONTH THEN 'provisional: first order ' || first_activity::DATE END) grade_reason
    FROM g""")

    # §3.2 complaint SLA: received in the period; response 24 h, resolution 168 h, escalation 24 h (major).
    con.execute(f"""CREATE TABLE complaint_sla AS
    SELECT complaint_id, manager_id, customer_id, coalesce(severity, 'normal') severity, category, received_at, resolved_at, follow_up_at, follow_up_type,
           CASE WHEN first_response_at <= TIMESTAMP '{A}' THEN date_diff('second', received_at, first_response_at) / 3600.0 END first_response_hours,
           CASE WHEN resolved_at <= TIMESTAMP '{A}' THEN date_diff('second', received_at, resolved_at) / 3600.0 END resolution_hours,
           CASE WHEN severity = 'major' AND escalated_at <= TIMESTAMP '{A}' THEN date_diff('second', received_at, escalated_at) / 3600.0 END escalation_hours,
           {sla('first_response_at', 24, A)} first_response_status, {sla('resolved_at', 168, A)} resolution_status,
           CASE WHEN severity = 'major' THEN {sla('escalated_at', 24, A)} END escalation_status
    FROM complaints WHERE {P.format('received_at')} AND received_at <= TIMESTAMP '{A}'""")
    st = ["first_response_status", "resolution_status", "escalation_status"]
    con.execute(f"""CREATE TABLE complaint_summary AS
    SELECT coalesce(manager_id, '') manager_id, count(*) complaints,
           count(*) FILTER (WHERE resolution_hours IS NULL) open,
           quantile_cont(first_response_hours, 0.5) median_first_response, quantile_cont(first_response_hours, 0.9) p90_first_response,
           quantile_cont(resolution_hours, 0.5) median_resolution, quantile_cont(resolution_hours, 0.9) p90_resolution,
           {", ".join(f"count(*) FILTER (WHERE {s} = 'met') / nullif(count(*) FILTER (WHERE {s} IN ('met', 'breached')), 0) {s[:-7]}_compliance" for s in st)},
           ({" + ".join(f"count(*) FILTER (WHERE {s} = 'met')" for s in st)}) /
             nullif({" + ".join(f"count(*) FILTER (WHERE {s} IN ('met', 'breached'))" for s in st)}, 0) sla_rate,
           avg((follow_up_at <= TIMESTAMP '{A}' AND follow_up_at <= resolved_at + INTERVAL 7 DAY)::INT) FILTER (WHERE resolution_hours IS NOT NULL) follow_up_rate
    FROM complaint_sla GROUP BY GROUPING SETS ((manager_id), ())""")

    # §3.3 visits in the period per manager, and coverage: cadence A 1, B 3, C 6 months, remote 6.
    con.execute(f"""CREATE TABLE visit_summary AS
    WITH v AS (SELECT *, coalesce(duration_min, date_diff('minute', visit_start, visit_end)) dur,
                      coalesce(visit_end, visit_start) + INTERVAL 48 HOUR report_due
               FROM visits WHERE {P.format('visit_start')} AND visit_start <= TIMESTAMP '{A}'),
    pv AS (SELECT manager_id, count(*) visits, count(DISTINCT customer_id) customers_visited, median(dur) median_duration,
                  count(*) FILTER (WHERE coalesce(type, 'on_site') = 'on_site' AND dur < 8) short_visits,
                  count(*) FILTER (WHERE report_submitted_at <= least(report_due, TIMESTAMP '{A}')) /
                    nullif(count(*) FILTER (WHERE report_submitted_at <= least(report_due, TIMESTAMP '{A}') OR report_due < TIMESTAMP '{A}'), 0) report_on_time_rate
           FROM v GROUP BY ALL),
    lastv AS (SELECT customer_id, max(visit_start) last_visit FROM visits
              WHERE {COUNTING} AND visit_start >= DATE '{E}' - INTERVAL 6 MONTH AND visit_start < '{E}' AND visit_start <= TIMESTAMP '{A}' GROUP BY ALL),
    cov AS (SELECT c.manager_id, count(*) customers_due, count(*) FILTER (WHERE last_visit >= DATE '{E}' - to_months(
                     CASE WHEN c.region = 'remote' THEN 6 WHEN g.grade = 'A' THEN 1 WHEN g.grade = 'B' THEN 3 ELSE 6 END)) covered,
                   count(*) FILTER (WHERE g.grade = 'A' AND coalesce(last_visit < DATE '{E}' - INTERVAL 1 MONTH, true)) a_not_covered
            FROM customers c JOIN customer_grades g USING (customer_id) LEFT JOIN lastv USING (customer_id) GROUP BY ALL)
    SELECT manager_id, coalesce(visits, 0) visits, coalesce(customers_visited, 0) customers_visited, median_duration,
           coalesce(short_visits, 0) short_visits, report_on_time_rate, customers_due, covered, a_not_covered,
           covered / nullif(customers_due, 0) coverage_rate
    FROM pv FULL JOIN cov USING (manager_id)""")

    # §3.4 satisfaction in the period: mean, CSAT (≥ 4), NPS, dimensions, adjusted with m = 5 at μ.
    dims = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'surveys' "
                                      "AND data_type = 'INTEGER' AND column_name NOT IN ('overall', 'nps')").fetchall()]
    con.execute(f"""CREATE TABLE satisfaction_summary AS
    WITH s AS (SELECT * FROM surveys WHERE {P.format('surveyed_at')} AND surveyed_at <= TIMESTAMP '{A}'),
    mu AS (SELECT avg(overall) mu FROM s)
    SELECT coalesce(manager_id, '') manager_id, count(*) responses, avg(overall) mean_overall, avg((overall >= 4)::INT) csat,
           100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / nullif(count(nps), 0) nps,
           {"".join(f"avg({d}) mean_{d}, " for d in dims)}
           CASE WHEN count(overall) > 0 THEN (sum(overall) + 5 * any_value(mu)) / (count(overall) + 5) END adjusted_satisfaction,
           count(*) FILTER (WHERE overall <= 2) corrective_actions
    FROM s CROSS JOIN mu GROUP BY GROUPING SETS ((manager_id), ())""")

    # §3.7 receivables at as_of per manager and overall: buckets 1–30, 31–60, 61–90, 91+; collection.
    od = "outstanding AND overdue_days >= 1"
    due_p = f"{P.format('due_date')} AND due_date < DATE '{AD}'"
    con.execute(f"""CREATE TABLE receivables AS
    WITH o AS (SELECT manager_id, amount, due_date, paid_date, DATE '{AD}' - due_date overdue_days,
                      paid_date IS NULL OR paid_date > TIMESTAMP '{A}' outstanding
               FROM orders WHERE coalesce(status, 'completed') = 'completed' AND due_date IS NOT NULL)
    SELECT coalesce(manager_id, '') manager_id, coalesce(sum(amount) FILTER (WHERE outstanding), 0) outstanding,
           coalesce(sum(amount) FILTER (WHERE outstanding AND overdue_days < 1), 0) not_yet_due,
           coalesce(sum(amount) FILTER (WHERE {od}), 0) overdue,
           coalesce(sum(amount) FILTER (WHERE {od} AND overdue_days <= 30), 0) overdue_1_30,
           coalesce(sum(amount) FILTER (WHERE {od} AND overdue_days BETWEEN 31 AND 60), 0) overdue_31_60,
           coalesce(sum(amount) FILTER (WHERE {od} AND overdue_days BETWEEN 61 AND 90), 0) overdue_61_90,
           coalesce(sum(amount) FILTER (WHERE {od} AND overdue_days > 90), 0) overdue_91_plus,
           count(*) FILTER (WHERE {od}) overdue_orders, max(overdue_days) FILTER (WHERE {od}) oldest_days_overdue,
           sum(amount) FILTER (WHERE {due_p}) amount_due,
           sum(amount) FILTER (WHERE {due_p} AND NOT outstanding) / sum(amount) FILTER (WHERE {due_p}) collection_rate,
           sum(amount) FILTER (WHERE {due_p} AND paid_date <= due_date) / sum(amount) FILTER (WHERE {due_p}) on_time_collection_rate
    FROM o GROUP BY GROUPING SETS ((manager_id), ())""")

    if "service_requests" in have:  # §3.9 follow-up of repairs completed in the period, by category class
        cls = " ".join(f"WHEN {' OR '.join(f'category LIKE {chr(39)}%{w}%{chr(39)}' for w in words)} THEN '{k}'"
                       for k, (_, words) in SERVICE_CLASSES.items())
        days = " ".join(f"WHEN '{k}' THEN {d}" for k, (d, _) in SERVICE_CLASSES.items())
        con.execute(f"""CREATE TABLE service_summary AS
        WITH r AS (SELECT *, CASE {cls} ELSE 'other' END class FROM service_requests
                   WHERE {P.format('completed_at')} AND completed_at <= TIMESTAMP '{A}'),
        f AS (SELECT *, completed_at + to_days(CASE class {days} ELSE 7 END) deadline,
                     CASE WHEN follow_up_at <= TIMESTAMP '{A}' THEN follow_up_at END fu FROM r)
        SELECT coalesce(manager_id, '') manager_id, count(*) completed,
               count(*) FILTER (WHERE fu <= deadline) / nullif(count(*) FILTER (WHERE fu IS NOT NULL OR deadline < TIMESTAMP '{A}'), 0) follow_up_compliance,
               {", ".join(f"avg((fu IS NOT NULL AND follow_up_role = '{r}')::INT) {r}_share" for r in ("director", "administrator", "repair_lead"))},
               count(*) FILTER (WHERE problem_found IN ('yes', '是') AND notice_at <= least(fu + INTERVAL 24 HOUR, TIMESTAMP '{A}')) /
                 nullif(count(*) FILTER (WHERE problem_found IN ('yes', '是') AND fu IS NOT NULL), 0) notice_compliance,
               quantile_cont(date_diff('second', reported_at, completed_at) / 3600.0, 0.5) median_completion_hours,
               quantile_cont(date_diff('second', reported_at, completed_at) / 3600.0, 0.9) p90_completion_hours
        FROM f GROUP BY GROUPING SETS ((manager_id), ())""")

    if "visit_plans" in have:  # §3.10 plans due in the period, done within ± 2 days, filed on time
        lwd = S - timedelta(days=1)
        while lwd.weekday() >= 5:  # the last working day (Mon–Fri) of the month before
            lwd -= timedelta(days=1)
        con.execute(f"""CREATE TABLE visit_plans_summary AS
        WITH cv AS (SELECT manager_id, customer_id, visit_start::DATE d FROM visits WHERE {COUNTING}
                    AND visit_start >= DATE '{S}' - INTERVAL 2 DAY AND visit_start < DATE '{E}' + INTERVAL 2 DAY AND visit_start <= TIMESTAMP '{A}'),
        p AS (SELECT p.*, EXISTS (SELECT 1 FROM cv WHERE cv.manager_id = p.manager_id AND cv.customer_id = p.customer_id
                                  AND abs(cv.d - p.planned_date) <= 2) done
              FROM visit_plans p WHERE {P.format('planned_date')}),
        un AS (SELECT manager_id, avg((NOT EXISTS (SELECT 1 FROM visit_plans q WHERE q.manager_id = cv.manager_id
                      AND q.customer_id = cv.customer_id AND abs(cv.d - q.planned_date) <= 2))::INT) unplanned_share
               FROM cv WHERE {P.format('d')} GROUP BY ALL)
        SELECT manager_id, count(*) FILTER (WHERE planned_date < DATE '{AD}') plans_due,
               count(*) FILTER (WHERE planned_date < DATE '{AD}' AND done) plans_done,
               count(*) FILTER (WHERE planned_date < DATE '{AD}' AND done) / nullif(count(*) FILTER (WHERE planned_date < DATE '{AD}'), 0) plan_execution_rate,
               avg((submitted_at < DATE '{lwd + timedelta(days=1)}')::INT) plan_on_time_rate, any_value(unplanned_share) unplanned_share
        FROM p LEFT JOIN un USING (manager_id) GROUP BY manager_id""")

    # §3.5 ranking: active managers or any activity in the period; PR per KPI, weights rescaled over the
    # KPIs a manager has; score = 100 · Σ w·PR / Σ w; equal scores (6 decimals) share a rank.
    act = " UNION ".join(f"SELECT manager_id FROM {t} WHERE {P.format(c)}" for t, c in
                         [("orders", "order_date"), ("visits", "visit_start"), ("complaints", "received_at"), ("surveys", "surveyed_at")])
    wsum = " + ".join(f"{w} * (pr_{k} IS NOT NULL)::INT" for k, w in WEIGHTS.items())
    con.execute(f"""CREATE TABLE manager_scores AS
    WITH m AS (SELECT manager_id FROM managers WHERE coalesce(status, 'active') = 'active' UNION {act}),
    k AS (SELECT m.manager_id, coalesce(sales, 0) sales, v.coverage_rate, c.sla_rate, s.adjusted_satisfaction FROM m
          LEFT JOIN (SELECT manager_id, sum(amount) sales FROM orders WHERE coalesce(status, 'completed') = 'completed'
                     AND {P.format('order_date')} AND order_date <= TIMESTAMP '{A}' GROUP BY ALL) o USING (manager_id)
          LEFT JOIN visit_summary v USING (manager_id) LEFT JOIN complaint_summary c USING (manager_id)
          LEFT JOIN satisfaction_summary s USING (manager_id)),
    p AS (SELECT *, {", ".join(f"{pr(kpi)} pr_{kpi}" for kpi in WEIGHTS)} FROM k),
    sc AS (SELECT *, {", ".join(f"100.0 * {w} * pr_{k} / ({wsum}) points_{k}" for k, w in WEIGHTS.items())} FROM p)
    SELECT manager_id, sales, coverage_rate, sla_rate, adjusted_satisfaction,
           {" + ".join(f"coalesce(points_{k}, 0)" for k in WEIGHTS)} score,
           rank() OVER (ORDER BY round({" + ".join(f"coalesce(points_{k}, 0)" for k in WEIGHTS)}, 6) DESC) rank,
           {", ".join(f"points_{k}" for k in WEIGHTS)}
    FROM sc ORDER BY rank, manager_id""")

    con.execute("CHECKPOINT")
    con.close()
    if not a.db:
        for f in (db, db + ".wal"):
            if os.path.exists(f):
                os.remove(f)
    wall = (time.perf_counter() - T0) * 1000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"duckdb: wall {wall:.0f} ms, peak {peak:.1f} MiB, rows {rows}")


if __name__ == "__main__":
    main()
