#!/usr/bin/env python3
"""Independent cross-check of SPEC §3.9 (service requests / repair follow-up) and
§3.10 (visit quotas and visit plans) against the tables the Scorecard program wrote
into its SQLite warehouse.

Written by a second hand from the SPEC (and the product decisions in the README) alone,
without reading the Swift code; run by hand after changing a §3.9/§3.10 rule.
Standard library only.  The warehouse is opened read-only.

Usage:
  python3 scripts/crosscheck-fieldwork.py --warehouse output/warehouse.sqlite --period 2026-10
  python3 scripts/crosscheck-fieldwork.py --warehouse W --period 2026-10-H1 --daily-quota urban=30,rural=25

Exit 0 and "ALL MATCH" when every compared value agrees; exit 1 and "MISMATCHES: n"
otherwise (exit 2 on a usage error).
"""
import argparse
import calendar
import datetime as dt
import math
import re
import sqlite3
import sys

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover
    ZoneInfo = None

HOURS_TOL = 1e-6
RATE_TOL = 1e-9
MAX_PRINT = 20


# ----------------------------------------------------------------------------- options

def parse_kv_numbers(text, cast):
    out = {}
    for part in text.split(','):
        part = part.strip()
        if not part:
            continue
        k, v = part.split('=', 1)
        out[k.strip()] = cast(v.strip())
    return out


def parse_categories(text):
    out = {}
    for part in text.split(';'):
        part = part.strip()
        if not part:
            continue
        k, v = part.split('=', 1)
        out[k.strip()] = [w for w in (x.strip() for x in v.split('|')) if w]
    return out


def parse_dates(text):
    out = set()
    for part in (text or '').split(','):
        part = part.strip()
        if part:
            out.add(dt.date.fromisoformat(part))
    return out


def build_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--warehouse', required=True)
    p.add_argument('--period', required=True)
    p.add_argument('--deadline-days', default='safety=2,leak=3,other=7')
    p.add_argument('--categories', default='safety=安全设施|消防|电梯|燃气;leak=漏水|渗水|水管')
    p.add_argument('--notice-hours', type=float, default=24)
    p.add_argument('--daily-quota', default='urban=0,rural=0')
    p.add_argument('--plan-tolerance-days', type=int, default=2)
    p.add_argument('--counting-types', default='on_site,phone')
    p.add_argument('--weekdays', default='1,2,3,4,5', help='ISO weekdays, 1 = Monday')
    p.add_argument('--holidays', default='')
    p.add_argument('--workdays-extra', default='')
    p.add_argument('--timezone', default='Asia/Shanghai')
    p.add_argument('--as-of', default=None,
                   help='fallback only when period_metrics has no as_of_epoch (ISO time or epoch seconds)')
    a = p.parse_args(argv)
    a.deadline = parse_kv_numbers(a.deadline_days, float)
    a.cats = parse_categories(a.categories)
    a.quota = parse_kv_numbers(a.daily_quota, int)
    a.counting = {t.strip() for t in a.counting_types.split(',') if t.strip()}
    a.wdays = {int(x) for x in a.weekdays.split(',') if x.strip()}
    a.hol = parse_dates(a.holidays)
    a.extra = parse_dates(a.workdays_extra)
    if ZoneInfo is not None:
        a.tz = ZoneInfo(a.timezone)
    else:  # no tz database: only fixed +08:00 is supported
        a.tz = dt.timezone(dt.timedelta(hours=8))
    return a


# ----------------------------------------------------------------------------- time

DATE_ONLY = re.compile(r'^\d{4}-\d{2}-\d{2}$')


class Clock:
    def __init__(self, tz):
        self.tz = tz

    def epoch(self, s):
        """ISO text -> epoch seconds (float); date-only = start of that local day; None stays None."""
        if s is None:
            return None
        s = str(s).strip()
        if not s:
            return None
        if DATE_ONLY.match(s):
            d = dt.date.fromisoformat(s)
            return self.day_start(d)
        t = s.replace('Z', '+00:00')
        if ' ' in t and 'T' not in t:
            t = t.replace(' ', 'T', 1)
        x = dt.datetime.fromisoformat(t)
        if x.tzinfo is None:
            x = x.replace(tzinfo=self.tz)
        return x.timestamp()

    def day_start(self, d):
        return dt.datetime(d.year, d.month, d.day, tzinfo=self.tz).timestamp()

    def local_date(self, e):
        return dt.datetime.fromtimestamp(e, self.tz).date()

    def date_of(self, s):
        """A date column (YYYY-MM-DD, or a timestamp) -> local date."""
        if s is None:
            return None
        s = str(s).strip()
        if DATE_ONLY.match(s):
            return dt.date.fromisoformat(s)
        return self.local_date(self.epoch(s))


def add_months(d, n):
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, 1)


def period_dates(name):
    """Period name -> (start date, end date) local, half-open."""
    m = re.fullmatch(r'(\d{4})-(\d{2})-H([12])', name)
    if m:
        y, mo, h = int(m[1]), int(m[2]), m[3]
        first = dt.date(y, mo, 1)
        if h == '1':
            return first, dt.date(y, mo, 16)
        return dt.date(y, mo, 16), add_months(first, 1)
    m = re.fullmatch(r'(\d{4})-(\d{2})', name)
    if m:
        first = dt.date(int(m[1]), int(m[2]), 1)
        return first, add_months(first, 1)
    m = re.fullmatch(r'(\d{4})-W(\d{2})', name)
    if m:
        s = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return s, s + dt.timedelta(days=7)
    m = re.fullmatch(r'(\d{4})-Q([1-4])', name)
    if m:
        first = dt.date(int(m[1]), 3 * (int(m[2]) - 1) + 1, 1)
        return first, add_months(first, 3)
    m = re.fullmatch(r'(\d{4})', name)
    if m:
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]) + 1, 1, 1)
    raise ValueError('unknown period: %s' % name)


def daterange(a, b):
    d = a
    while d < b:
        yield d
        d += dt.timedelta(days=1)


# ----------------------------------------------------------------------------- stats

def percentile_inc(values, p):
    if not values:
        return None
    v = sorted(values)
    h = (len(v) - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (h - lo) * (v[hi] - v[lo])


def ratio(a, b):
    return None if not b else a / b


# ----------------------------------------------------------------------------- warehouse

class Warehouse:
    def __init__(self, path):
        self.con = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
        self.con.row_factory = sqlite3.Row

    def tables(self):
        return {r[0] for r in self.con.execute("select name from sqlite_master where type='table'")}

    def columns(self, table):
        return [r[1] for r in self.con.execute('pragma table_info(%s)' % table)]

    def rows(self, sql, *args):
        return [dict(r) for r in self.con.execute(sql, args)]


# ----------------------------------------------------------------------------- computation

class Compute:
    def __init__(self, wh, args):
        self.wh = wh
        self.a = args
        self.clock = Clock(args.tz)
        self.tables = wh.tables()
        self.notes = []
        self.p_start_d, self.p_end_d = period_dates(args.period)
        self.p_start = self.clock.day_start(self.p_start_d)
        self.p_end = self.clock.day_start(self.p_end_d)

    # --- helpers
    def load(self, table, cols):
        if table not in self.tables:
            self.notes.append('input table %s missing: treated as empty' % table)
            return []
        have = set(self.wh.columns(table))
        sel = ', '.join(c if c in have else 'NULL AS %s' % c for c in cols)
        return self.wh.rows('select %s from %s' % (sel, table))

    def in_period(self, e):
        return e is not None and self.p_start <= e < self.p_end

    def happened(self, e):
        return e is not None and e <= self.as_of

    def is_working(self, d):
        if d in self.a.extra:
            return True
        if d in self.a.hol:
            return False
        return d.isoweekday() in self.a.wdays

    # --- as_of
    def find_as_of(self):
        if 'period_metrics' in self.tables:
            r = self.wh.rows("select value from period_metrics where period=? and metric='as_of_epoch'",
                             self.a.period)
            if r and r[0]['value'] is not None:
                return float(r[0]['value']), None
        if self.a.as_of:
            s = self.a.as_of
            v = float(s) if re.fullmatch(r'\d+(\.\d+)?', s) else self.clock.epoch(s)
            return v, 'period_metrics has no as_of_epoch for %s: used --as-of' % self.a.period
        return None, 'period_metrics has no as_of_epoch for %s (give --as-of)' % self.a.period

    # --- inputs
    def load_inputs(self):
        c = self.clock
        self.customer_mgr = {r['customer_id']: r['manager_id']
                             for r in self.load('customers', ['customer_id', 'manager_id'])}
        self.managers = {r['manager_id']: r for r in self.load('managers', ['manager_id', 'status', 'territory'])}

        def mgr(row):
            m = row.get('manager_id')
            if m is None or m == '':
                m = self.customer_mgr.get(row.get('customer_id'))
            return m

        self.requests = []
        for r in self.load('service_requests', ['request_id', 'customer_id', 'manager_id', 'reported_at',
                                                'category', 'completed_at', 'follow_up_at', 'follow_up_role',
                                                'problem_found', 'notice_at']):
            r['mgr'] = mgr(r)
            for k in ('reported_at', 'completed_at', 'follow_up_at', 'notice_at'):
                r[k + '_e'] = c.epoch(r[k])
            self.requests.append(r)

        self.plans = []
        for r in self.load('visit_plans', ['manager_id', 'customer_id', 'planned_date', 'submitted_at']):
            r['pd'] = c.date_of(r['planned_date'])
            r['sub_e'] = c.epoch(r['submitted_at'])
            self.plans.append(r)

        self.visits = []
        for r in self.load('visits', ['visit_id', 'manager_id', 'customer_id', 'visit_start', 'type']):
            r['e'] = c.epoch(r['visit_start'])
            r['d'] = c.local_date(r['e'])
            r['type'] = r['type'] or 'on_site'
            self.visits.append(r)

        # §3.5 activity (orders, visits, complaints, surveys in the period, by as_of)
        self.active_in_period = set()
        for table, col in (('orders', 'order_date'), ('complaints', 'received_at'), ('surveys', 'surveyed_at')):
            for r in self.load(table, ['customer_id', 'manager_id', col]):
                e = c.epoch(r[col])
                if self.in_period(e) and self.happened(e):
                    m = mgr(r)
                    if m:
                        self.active_in_period.add(m)
        for v in self.visits:
            if self.in_period(v['e']) and self.happened(v['e']):
                self.active_in_period.add(v['manager_id'])

    def listed_managers(self):
        out = {m for m, r in self.managers.items() if (r['status'] or 'active') == 'active'}
        return out | self.active_in_period

    # --- §3.9
    def class_of(self, category):
        if not category:
            return 'other'
        hits = [k for k, words in self.a.cats.items() if any(w in category for w in words)]
        if not hits:
            return 'other'
        return min(hits, key=lambda k: (self.deadline_days(k), k))

    def deadline_days(self, cls):
        d = self.a.deadline
        return d.get(cls, d.get('other', 7))

    def service(self):
        fu_rows = {}
        for r in self.requests:
            ce = r['completed_at_e']
            if not (self.in_period(ce) and self.happened(ce)):
                continue
            cls = self.class_of(r['category'])
            deadline = ce + self.deadline_days(cls) * 86400
            fe = r['follow_up_at_e']
            fu_done = self.happened(fe)
            if fu_done:
                status = 'met' if fe <= deadline else 'breached'
            else:
                status = 'breached' if deadline < self.as_of else 'pending'
            role = r['follow_up_role'] if fu_done else None
            notice = None
            if fu_done and (r['problem_found'] or 'no') == 'yes':
                nd = fe + self.a.notice_hours * 3600
                ne = r['notice_at_e']
                if self.happened(ne):
                    notice = 'met' if ne <= nd else 'breached'
                else:
                    notice = 'breached' if nd < self.as_of else 'pending'
            fu_rows[r['request_id']] = {
                'manager_id': r['mgr'], 'customer_id': r['customer_id'], 'class': cls,
                'completed_at': ce, 'completion_hours': (ce - r['reported_at_e']) / 3600.0,
                'follow_up_status': status, 'follow_up_role': role, 'notice_status': notice,
            }

        # open at as_of: reported by as_of, not completed by as_of (any reporting date)
        open_rows = []
        for r in self.requests:
            if self.happened(r['reported_at_e']) and not self.happened(r['completed_at_e']):
                open_rows.append({'manager_id': r['mgr'], 'class': self.class_of(r['category'])})

        groups = {}

        def g(key):
            return groups.setdefault(key, {'done': [], 'open': 0})

        for rid, f in fu_rows.items():
            for key in (('overall', ''), ('manager', f['manager_id']), ('class', f['class'])):
                g(key)['done'].append(f)
        for o in open_rows:
            for key in (('overall', ''), ('manager', o['manager_id']), ('class', o['class'])):
                g(key)['open'] += 1
        g(('overall', ''))

        summary = {}
        for key, v in groups.items():
            done = v['done']
            n = len(done)
            met = sum(1 for f in done if f['follow_up_status'] == 'met')
            br = sum(1 for f in done if f['follow_up_status'] == 'breached')
            nm = sum(1 for f in done if f['notice_status'] == 'met')
            nb = sum(1 for f in done if f['notice_status'] == 'breached')
            hours = [f['completion_hours'] for f in done]
            row = {'completed': n, 'open': v['open'],
                   'follow_up_compliance': ratio(met, met + br),
                   'notice_compliance': ratio(nm, nm + nb),
                   'median_completion_hours': percentile_inc(hours, 0.5),
                   'p90_completion_hours': percentile_inc(hours, 0.9)}
            for role in ('director', 'administrator', 'repair_lead'):
                row[role + '_share'] = ratio(sum(1 for f in done if f['follow_up_role'] == role), n)
            summary[key] = row
        return fu_rows, summary

    # --- §3.10 quota
    def quota(self):
        asof_d = self.clock.local_date(self.as_of)
        last = min(self.p_end_d, asof_d)
        wdays = [d for d in daterange(self.p_start_d, last) if self.is_working(d)]
        wset = set(wdays)
        per = {}
        for v in self.visits:
            if v['type'] != 'on_site' or not self.happened(v['e']) or v['d'] not in wset:
                continue
            per.setdefault(v['manager_id'], {}).setdefault(v['d'], set()).add(v['customer_id'])
        out = {}
        for m in sorted(self.listed_managers()):
            terr = (self.managers.get(m) or {}).get('territory') or 'urban'
            q = self.a.quota.get(terr, 0)
            if q <= 0:
                continue
            days = per.get(m, {})
            counts = {d: len(days.get(d, ())) for d in wdays}
            at = sum(1 for d in wdays if counts[d] >= q)
            short = ' '.join(d.isoformat() for d in wdays if counts[d] < q)
            out[m] = {'territory': terr, 'quota': q, 'working_days': len(wdays), 'days_at_quota': at,
                      'quota_rate': ratio(at, len(wdays)),
                      'mean_customers_per_day': ratio(sum(counts.values()), len(wdays)),
                      'days_short': short}
        return out

    # --- §3.10 plans
    def last_working_day_of_month(self, first_of_month):
        d = add_months(first_of_month, 1) - dt.timedelta(days=1)
        for _ in range(400):
            if self.is_working(d):
                return d
            d -= dt.timedelta(days=1)
        return None

    def plan_deadline(self, planned_date):
        prev_first = add_months(dt.date(planned_date.year, planned_date.month, 1), -1)
        lwd = self.last_working_day_of_month(prev_first)
        if lwd is None:  # no working day at all: the month's own first day
            return self.clock.day_start(dt.date(planned_date.year, planned_date.month, 1))
        return self.clock.day_start(lwd + dt.timedelta(days=1))

    def plans_summary(self):
        tol = dt.timedelta(days=self.a.plan_tolerance_days)
        asof_d = self.clock.local_date(self.as_of)
        counting = [v for v in self.visits if v['type'] in self.a.counting and self.happened(v['e'])]
        vis_by = {}
        for v in counting:
            vis_by.setdefault((v['manager_id'], v['customer_id']), []).append(v['d'])
        plan_by = {}
        for p in self.plans:
            plan_by.setdefault((p['manager_id'], p['customer_id']), []).append(p['pd'])

        stats = {}

        def s(m):
            return stats.setdefault(m, {'plans_due': 0, 'plans_done': 0, 'plans': 0, 'plans_on_time': 0,
                                        'counting_visits': 0, 'unplanned_visits': 0})

        s('')
        for p in self.plans:
            if not (self.p_start_d <= p['pd'] < self.p_end_d):
                continue
            on_time = self.happened(p['sub_e']) and p['sub_e'] < self.plan_deadline(p['pd'])
            due = p['pd'] < asof_d
            done = due and any(abs(d - p['pd']) <= tol
                               for d in vis_by.get((p['manager_id'], p['customer_id']), ()))
            for m in ('', p['manager_id']):
                x = s(m)
                x['plans'] += 1
                x['plans_on_time'] += on_time
                x['plans_due'] += due
                x['plans_done'] += done
        for v in counting:
            if not self.in_period(v['e']):
                continue
            unplanned = not any(abs(d - v['d']) <= tol
                                for d in plan_by.get((v['manager_id'], v['customer_id']), ()))
            for m in ('', v['manager_id']):
                x = s(m)
                x['counting_visits'] += 1
                x['unplanned_visits'] += unplanned
        for x in stats.values():
            x['plan_execution_rate'] = ratio(x['plans_done'], x['plans_due'])
            x['plan_on_time_rate'] = ratio(x['plans_on_time'], x['plans'])
            x['unplanned_share'] = ratio(x['unplanned_visits'], x['counting_visits'])
        return stats


# ----------------------------------------------------------------------------- comparison

class Comparer:
    def __init__(self, wh, period, clock):
        self.wh = wh
        self.period = period
        self.clock = clock
        self.tables = wh.tables()
        self.total = 0

    def theirs(self, table, keycols):
        if table not in self.tables:
            return None
        out = {}
        for r in self.wh.rows('select * from %s where period=?' % table, self.period):
            out[tuple(r[k] for k in keycols)] = r
        return out

    @staticmethod
    def same(kind, a, b):
        if a is None or b is None:
            return a is None and b is None
        if kind == 'text':
            return str(a) == str(b)
        if kind == 'int':
            return float(a) == float(b)
        tol = HOURS_TOL if kind == 'hours' else RATE_TOL
        return abs(float(a) - float(b)) <= tol

    def table(self, table, keycols, mine, cols, only_cols=False, restrict_keys=None):
        """mine: {key tuple: {col: value}}; cols: [(col, kind)].
        only_cols: compare columns only for keys present on both sides (no row-set check)."""
        msgs = []
        th = self.theirs(table, keycols)
        if th is None:
            msgs.append('table %s missing' % table)
        else:
            have = set(next(iter(th.values())).keys()) if th else set(self.wh.columns(table))
            missing_cols = [c for c, _ in cols if c not in have]
            for c in missing_cols:
                msgs.append('column %s.%s missing' % (table, c))
            keys = sorted(set(mine) | set(th), key=lambda k: tuple(str(x) for x in k))
            for k in keys:
                if restrict_keys is not None and k not in restrict_keys:
                    continue
                kd = ' '.join('%s=%r' % (c, v) for c, v in zip(keycols, k))
                if k not in th:
                    if not only_cols:
                        msgs.append('%s: row missing in theirs (%s); mine %s' % (kd, table, fmt(mine[k])))
                    continue
                if k not in mine:
                    if not only_cols:
                        msgs.append('%s: extra row in theirs (%s): %s' % (kd, table, fmt(th[k])))
                    continue
                for c, kind in cols:
                    if c in missing_cols:
                        continue
                    a, b = mine[k].get(c), th[k].get(c)
                    if kind == 'instant' and b is not None:
                        try:
                            b = self.clock.epoch(b)
                        except ValueError:
                            pass
                        kind = 'hours'
                    if not self.same(kind, a, b):
                        msgs.append('%s: %s mine=%s theirs=%s' % (kd, c, show(a, kind), show(b, kind)))
        n = len(msgs)
        self.total += n
        print('%-20s %s' % (table, 'OK' if n == 0 else '%d mismatch(es)' % n))
        for m in msgs[:MAX_PRINT]:
            print('   ' + m)
        if n > MAX_PRINT:
            print('   ... %d more' % (n - MAX_PRINT))


def show(v, kind):
    if kind == 'instant' and isinstance(v, float):
        return dt.datetime.fromtimestamp(v, dt.timezone.utc).isoformat()
    return repr(v)


def fmt(row):
    def v(k, x):
        if k == 'completed_at' and isinstance(x, float):
            return dt.datetime.fromtimestamp(x, dt.timezone.utc).isoformat()
        return repr(x)
    return '{' + ', '.join('%s: %s' % (k, v(k, x)) for k, x in row.items()) + '}'


# ----------------------------------------------------------------------------- main

def main(argv=None):
    a = build_args(argv)
    try:
        wh = Warehouse(a.warehouse)
        wh.tables()
    except sqlite3.Error as e:
        print('cannot open warehouse %s: %s' % (a.warehouse, e), file=sys.stderr)
        return 2
    try:
        comp = Compute(wh, a)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 2
    as_of, note = comp.find_as_of()
    if note:
        print('note: ' + note)
    if as_of is None:
        print('MISMATCHES: 1')
        return 1
    comp.as_of = as_of
    comp.load_inputs()
    print('period %s [%s, %s)  as_of %s' % (a.period, comp.p_start_d, comp.p_end_d,
                                           dt.datetime.fromtimestamp(as_of, a.tz).isoformat()))
    for n in comp.notes:
        print('note: ' + n)

    cmp_ = Comparer(wh, a.period, comp.clock)

    fu, summ = comp.service()
    cmp_.table('service_followups', ['request_id'],
               {(k,): v for k, v in fu.items()},
               [('manager_id', 'text'), ('customer_id', 'text'), ('class', 'text'),
                ('completed_at', 'instant'), ('completion_hours', 'hours'),
                ('follow_up_status', 'text'), ('follow_up_role', 'text'), ('notice_status', 'text')])
    cmp_.table('service_summary', ['grouping', 'key'], summ,
               [('completed', 'int'), ('open', 'int'), ('follow_up_compliance', 'rate'),
                ('director_share', 'rate'), ('administrator_share', 'rate'), ('repair_lead_share', 'rate'),
                ('notice_compliance', 'rate'), ('median_completion_hours', 'hours'),
                ('p90_completion_hours', 'hours')])

    q = comp.quota()
    cmp_.table('visit_quota', ['manager_id'], {(k,): v for k, v in q.items()},
               [('territory', 'text'), ('quota', 'int'), ('working_days', 'int'), ('days_at_quota', 'int'),
                ('quota_rate', 'rate'), ('mean_customers_per_day', 'rate'), ('days_short', 'text')])

    ps = comp.plans_summary()
    cmp_.table('visit_plans_summary', ['manager_id'], {(k,): v for k, v in ps.items()},
               [('plans_due', 'int'), ('plans_done', 'int'), ('plan_execution_rate', 'rate'),
                ('plan_on_time_rate', 'rate'), ('unplanned_share', 'rate'), ('plans', 'int'),
                ('plans_on_time', 'int'), ('counting_visits', 'int'), ('unplanned_visits', 'int')])

    # manager_scores: the §3.5 manager list, and the two §3.9/§3.10 columns
    mgr_rate = {k[1]: v['follow_up_compliance'] for k, v in summ.items() if k[0] == 'manager'}
    ms = {}
    for m in comp.listed_managers():
        ms[(m,)] = {'service_compliance': mgr_rate.get(m),
                    'plan_execution_rate': (ps.get(m) or {}).get('plan_execution_rate')}
    cmp_.table('manager_scores', ['manager_id'], ms,
               [('service_compliance', 'rate'), ('plan_execution_rate', 'rate')])

    if cmp_.total == 0:
        print('ALL MATCH')
        return 0
    print('MISMATCHES: %d' % cmp_.total)
    return 1


if __name__ == '__main__':
    sys.exit(main())
