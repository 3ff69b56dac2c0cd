# Relance's interface in English. One message per key; the French file has the same keys.
# Keys are named after where the text appears (tab-, map-, replay-...). Numbers given as arguments are
# already formatted for the language.

## Shell
app-name = Relance
privacy-note = Your file is processed in this browser and never uploaded.
privacy-title = No network request carries your data: the page's security policy forbids connections to any other site.
open-file = Open file…
language-switch = Français
language-switch-label = Passer l'interface en français
tab-map = Process map
tab-variants = Variants
tab-overview = Overview
tab-collections = Collections
tab-insights = Insights
tab-explore = Explore
tab-import-report = Import report
demo-log-name = Demo collections log
demo-badge = Demo data
log-counts = { $cases } cases · { $events } events
demo-banner-title = You are looking at demo data:
demo-banner-text = a synthetic credit-and-collections log (invoices, reminders, calls, promises, disputes, payments). To analyse your own, drop a CSV, Excel or XES file anywhere on this page or use
demo-banner-end = . It is read in this browser and never uploaded.

## Progress, errors, the engine's state
importing = Importing…
bytes-read = Bytes read
progress-bytes = { $read } of { $total }
progress-rows = { $rows } rows
progress-rate = { $rate } rows/s
cancel = Cancel
dismiss = Dismiss
working = { $what }… { $seconds } s
not-computed-again = Not computed again after the stop: { $what }.
try-again = Try again
starting-engine = Starting the engine…
building-demo = Building the demo collections log…
reloading-demo = Loading the demo collections log again…
reading-file = Reading { $name }…

## Process map
map-aria = Process map: drag or arrow keys to pan, wheel or +/- to zoom, 0 to fit, Tab to walk the activities
map-overview-title = Overview: click to move there
map-placeholder = The map appears here once a log is loaded.
zoom-in = Zoom in
zoom-out = Zoom out
fit = Fit
fit-label = Fit to screen
map-settings = Map settings
map-view = Map view
frequency = Frequency
performance = Performance
map-show = Show
absolute-frequency = Absolute frequency
case-frequency = Case frequency
median-duration = Median duration
mean-duration = Mean duration
total-duration = Total duration
maximum-duration = Maximum duration
replay-start = Replay cases
replay-stop = Stop the replay
activities-slider = Activities
paths-slider = Paths
export-svg = Export SVG
export-png = Export PNG
map-stats-activities = { $shown } of { $total } activities
map-stats-paths = { $shown } of { $total } paths
map-stats-cases = { $cases } cases
detail-hint = Click an activity or a path to see its numbers.
loading = Loading…
keep-cases-passing = Keep only cases passing here
map-start = Start
map-end = End
legend-activities = Activities (events)
legend-paths-width = Paths: width by { $what }
legend-occurrences = occurrences
legend-cases = cases
legend-paths-duration = Paths: colour by duration
legend-aria = Legend
map-node-cases = { $count } cases
map-edge-label = { $from } to { $to }
compare-map-title = The map of both: paths in blue are more frequent in A, in orange more frequent in B

## Case replay
replay-aria = Case replay
replay-play = Play
replay-pause = Pause
replay-time = Replay time
replay-speed = Speed { $speed }
replay-speed-label = Replay speed
replay-time-mode = Time
replay-real-time = Real time
replay-relative = From each case's start
replay-colour-by = Colour tokens by
replay-one-colour = One colour
replay-by-attribute = Attribute
replay-passes-through = Passes through
replay-sample = { $shown } of { $total } cases (an even sample)
replay-cases = { $shown } cases
replay-explain = a token waits on its path until the next activity; the ring around an activity grows with the tokens on their way to it.
replay-record = Record a video (WebM)
replay-record-stop = Stop and save the video
replay-day = day { $day } of each case
replay-class-passes = passes through { $activity }
replay-class-not = does not pass through { $activity }
replay-other = other
replay-none = (none)
replay-cannot-record = the replay cannot be recorded in this browser ({ $why })

## Shared words
not-available = not available
n-a = n/a
n-a-because = n/a: { $why }
points = { $value } pts
days-short = { $value } d
interval = { $low } to { $high }
ci-range = 95 % CI { $low } – { $high }
show-these-cases = Show these cases
col-attribute = Attribute
col-value = Value
col-cases = Cases
col-these-cases = These cases
col-the-others = The others
col-difference = Difference
col-interval = 95 % interval
col-q-value = q-value
col-p-value = p-value
col-excess = Excess cases
col-at-risk = Amount at risk
col-note = Note
col-figure = Figure
col-variant = Variant

## Insights
insights-loading = Looking for what drives the outcomes…
insights-outcome = Outcome
insights-outcome-summary = { $outcome }: { $value } over { $cases } cases{ $km }
insights-population = { $cases } cases in the current filter
insights-headline-title = The headline: what goes with the most money at stake
insights-clustered = Invoices of one customer tend to behave alike: the intervals are widened by each group's design effect by { $column }, so a few large customers cannot pass for many independent invoices.
subgroup-value = ↳ { $value } (within { $parent })
km-median = Kaplan–Meier median of every invoice, open ones included: { $days } d
insights-none = No value of any attribute stands out for this outcome once many values are tested at once (q < 0.05).
insights-chart-title = Differences from the other cases, with 95 % intervals
insights-table-title = Findings, by impact
reverses-within = reverses within { $by }
insights-skipped = { $count ->
    [one] one attribute or value left out, and why
   *[other] { $count } attributes or values left out, and why
}
compare-title = Compare two populations
compare-populations = Populations
compare-by-date = Before / after a date
compare-by-filters = Two filter sets
compare-keep-a = Keep current filters as A
compare-keep-b = Keep current filters as B
compare-a-is = A: { $what }
compare-b-is = B: { $what }
compare-not-set = not set
compare-every-case = every case
compare-filters = { $count ->
    [one] one filter
   *[other] { $count } filters
}
compare-a-before = A: cases starting before
compare-b-after = B: the others (within the current filter)
compare-run = Compare
compare-enter-date = enter a date, e.g. 2025-01-01
compare-keep-both = keep the current filters as A, change them, then keep them as B
compare-sizes = A: { $a } cases · B: { $b } cases
compare-overlap = { $cases } cases in both
compare-headline = Headline figures
variants-grew = Variants that grew in B
variants-shrank = Variants that shrank in B
compare-drivers = What sets B apart from A

## Worker: details and charts
chart-cases = Cases
chart-steps = Steps
chart-events = Events
chart-days = days
chart-events-per-week = events per week
chart-events-per-period = events per period
chart-effect-rate = difference from the other cases (percentage points)
chart-effect-duration = difference of medians from the other cases (days)
hit-duration = { $cases } cases, { $from }–{ $to } days
hit-duration-last = { $cases } cases, { $from } days or more
hit-week = week of { $from }: { $events } events
hit-weeks = { $weeks } weeks from { $from }: { $events } events
detail-median-wait = Median wait
detail-mean-wait = Mean wait
detail-p90 = 90th percentile
detail-shortest = Shortest
detail-longest = Longest
detail-total = Total
detail-cases = Cases
detail-occurrences = Occurrences
detail-events = Events
detail-starts = Starts cases
detail-ends = Ends cases
detail-before = { $what } before
detail-by = by { $resource }
dso-simple = DSO (simple)
dso-countback = Countback DSO
dso-best-possible = Best possible DSO
dso-add = Average days delinquent

## What the engine is doing (Request::label)
doing-building-demo-log = building the demo log
doing-reading-start-of-file = reading the start of the file
doing-reading-file = reading the file
doing-cancelling = cancelling
doing-changing-language = changing the language
doing-applying-filters = applying the filters
doing-drawing-process-map = drawing the process map
doing-listing-variants = listing the variants
doing-computing-overview = computing the overview
doing-computing-details = computing the details
doing-computing-collections-measures = computing the collections measures
doing-finding-cases = finding the cases
doing-listing-violations = listing every violation
doing-computing-heatmaps = computing the heatmaps
doing-drawing-dotted-chart = drawing the dotted chart
doing-reading-case = reading the case
doing-listing-values = listing the values
doing-looking-for-what-drives-outcome = looking for what drives the outcome
doing-comparing-two-populations = comparing the two populations
doing-preparing-replay = preparing the replay
doing-loading-engine = loading the engine of collections, insights and explore with the log

## The engine stopped
engine-not-restarted = The engine stopped and could not be started again: reload the page.
engine-cancelled = Cancelled ({ $what }).
engine-stopped-loading = The engine stopped while { $what } { $name }: it probably needs more memory than a browser tab has. Open it with the relance command line (relance analyze FILE), or run the analyses where the data lives (relance warehouse).
engine-stopped-idle = The engine stopped unexpectedly; the log is loaded again.
engine-stopped = The engine stopped while { $what } (it probably ran out of memory). The log is loaded again; try with a filter.
the-log = the log
no-case = no case: { $what }
too-big = { $name }: this file holds about { $events } events and would need about { $gb } GB of memory, more than a browser tab can hold (about { $budget } GB). Open it with the relance command line (relance analyze "{ $name }"), or run the analyses where the data lives (relance warehouse).

## Summary documents (aggregates computed where the data lives)
detail-note = Note
summary-title = Summary computed by { $engine } from { $input }.
summary-no-cases = Drill-down to cases is not available: the document holds aggregates only, the cases stay where the data lives.
summary-needs-cases = This needs the cases, which a summary document does not hold. { $note }
summary-map-projected = Hiding activities projects the counts from every variant; steps that bridge hidden activities have no waiting times.
summary-map-shown-only = The document's variants were capped: hiding activities keeps only the steps between shown activities.
summary-variants-capped = { $variants } rarer variants ({ $cases } cases) were left out by the cap.
summary-bridging-edge = This step bridges hidden activities: its waiting times are not in the summary document.
summary-not-utf8 = { $name } is not a summary document: it is not UTF-8 text (byte { $at }).
summary-unreadable = { $name } is not a summary document ({ $why }). Open a CSV, XES or Excel file as a log; a .json file must be the output of relance warehouse, relance bundle or relance analyze --json.
summary-too-big = { $name } is larger than { $mb } MB: a summary document holds aggregates only and is much smaller.
summary-longest-case = Longest case
summary-time-span = Time span: { $span }
summary-no-charts = The case-duration histogram and events per week need the cases: not available from a summary document.
summary-collections-intro = The collections measures as computed where the data lives (field names as in relance analyze --json; n/a where the figure is not available there).
summary-no-collections = The document has no collections measures: run relance warehouse with --mapping to compute them.
summary-cell-missing = Not available in the document
summary-tab-closed = Needs the cases: not available for a summary document

## Recouvrement / Collections
coll-computing = Computing the collections measures…
coll-no-roles = No activity of this log was recognised as a collections step. Map the activities below (or load a mapping file) to get these measures.
coll-key-figures = Key figures
map-the-activities = Map the activities
invoices-short = { $count } inv.
na-reason = not available: { $why }
na-not-recognised = no activity recognised as { $roles }
na-no-due-date = no due-date column and no activity recognised as { $roles }
na-never-closes = no activity recognised as { $roles }: no invoice would ever close
na-no-paid-invoice-with-due-date = no paid invoice with a due date in the selection
na-no-paid-invoice = no paid invoice in the selection
na-no-invoice-before-as-of = no invoice issued before the as-of date in the selection
na-nothing-collectible = nothing was collectible over the period: receivables at its start plus its sales, less the current receivables at its end, are 0 or less
na-no-write-off = no invoice written off in the selection
na-no-credit-decision = no decided credit request in the selection
roles-or = { $first } or { $second }
kpi-on-time = On-time payment rate
kpi-on-time-def = Invoices paid on or before their due date ÷ paid invoices that have a due date.
kpi-itc = Invoice to cash (median)
kpi-itc-def = Days from the invoice (created, else sent) to the first payment received; median over paid invoices.
kpi-itc-p90 = Invoice to cash (p90)
kpi-itc-p90-def = 90th percentile of the days from invoice to first payment (numpy's linear interpolation).
kpi-dso-def = Open receivables at the last month-end ÷ credit sales of the 3 months before × 91.
kpi-countback = DSO (countback)
kpi-countback-def = Open receivables matched against each month's sales going back in time; whole months' days plus the share of the last one.
kpi-bpdso-def = Current (not yet due) receivables ÷ credit sales of the last 3 months × 91.
kpi-add-def = Simple DSO − Best possible DSO.
kpi-cei = CEI (12 months)
kpi-cei-def = (Receivables at start + credit sales − receivables at end) ÷ (receivables at start + credit sales − current receivables at end) × 100, over the last 12 months.
kpi-written-off = Written off
kpi-written-off-def = Invoices with a write-off, and their share of all invoices; see the amount and the share sent to an agency first below.
kpi-reissued = Cancelled and re-issued
kpi-reissued-def = Invoices cancelled and then created or sent again (rework).
kpi-credit = Credit decision (median)
kpi-credit-def = Days from a credit request to its approval or rejection.
coll-summary = { $count ->
    [one] { $invoices } invoice
   *[other] { $invoices } invoices
} · as of { $as_of } · write-offs { $written_off } ({ $via_agency } via an agency first) · credit requests { $requests } ({ $approved } approved, { $rejected } rejected)
drill-written-off = Show written-off cases
drill-late = Show late payers
drill-slowest = Show the slowest 10 % to cash
drill-reissued = Show re-issued invoices
dso-chart-title = DSO by month-end
receivable-what = What counts as a receivable
receivable-definition = A receivable is an invoice: a case with an "invoice created" or "invoice sent" event, issued at the first of them (a case without one, such as a credit request rejected before any invoice, is none). It is open from its issue until the first of: payment received (the first payment), invoice cleared, a credit note with no payment after it (fully credited), written off, or cancelled with no re-issue after it. An invoice cancelled and issued again counts once, from its first issue. Sales of a month are the amounts of the invoices issued in it (invoice counts when the log has no amounts). Month-ends are local midnight on the 1st, at the UTC offset of the log's event nearest to that instant (UTC when the log has no offsets).
receivable-definition-ledger = A receivable is an invoice: a case with an "invoice created" or "invoice sent" event, issued at the first of them (a case without one, such as a credit request rejected before any invoice, is none). On the ledger's basis it is open from its issue until the first of: the payment applied to it (invoice cleared or payment posted; a payment received but not yet applied leaves it open), a credit note with no payment after it (fully credited), written off, or cancelled with no re-issue after it. An invoice cancelled and issued again counts once, from its first issue. Sales of a month are the amounts of the invoices issued in it (invoice counts when the log has no amounts). Month-ends are local midnight on the 1st, at the UTC offset of the log's event nearest to that instant (UTC when the log has no offsets).
basis-label = Receivables close
basis-ledger = when the payment is applied (ledger)
basis-cash = when the payment is received (cash)
basis-said-ledger = Receivables basis: the ledger's (an invoice stays open until the payment is applied to it, written off or fully credited).
basis-said-cash = Receivables basis: cash (an invoice closes when the payment is received).
basis-said-fallback = Receivables basis: cash, because the log has no clearing event (no activity recognised as invoice cleared or payment posted); the ledger's basis needs one.
dso-headline = DSO, CEI and aging are given at the end of { $month }, the latest complete month.
dso-headline-cut = This is a cut extract: its invoices were issued from { $from } to { $to }, and its later events only run off. DSO, CEI and aging are given at the end of { $month }, the latest month whose 3 months of sales lie inside that window; the months drawn hatched are partial and never headlined.
dso-headline-none = No month-end is complete (the extract is shorter than the 3 months of sales DSO needs, or every month is partial): DSO is not headlined.
dso-partial-legend = partial month
col-partial = Partial
partial-before_issuing = its 3 months of sales begin before the first invoice of the extract
partial-after_issuing = its window reaches past the last invoice of the extract
partial-month_not_over = the month is not over at the as-of date
kpi-dso-at = DSO ({ $month })
monthly-figures = Monthly figures
col-month = Month
col-countback = Countback
drill-open = Open
drill-open-title = Invoices open at this month-end (behind DSO)
drill-past-due = Past due
drill-past-due-title = Invoices past due at this month-end (behind ADD)
dunning-window = Dunning window (days)
promise-grace = Promise grace (days)
not-a-number = { $label }: "{ $value }" is not a number
follows-filters = Every figure follows the filters above.
aging-title = Aging of open receivables
aging-at = at
aging-current = current
col-days-past-due = Days past due
col-invoices = Invoices
col-amount = Amount
cases-button = Cases
dunning-title = Dunning effectiveness: paid within { $days } days of the reminder
col-step = Step
col-level = Level
col-channel = Channel
col-sent = Sent
col-paid-in-window = Paid in window
col-rate = Rate
level-final = final
unpaid-cases = Unpaid cases
disputes-title = Disputes by reason
col-reason = Reason
col-resolved = Resolved
col-median = Median
col-open = Open
col-open-age = Open age
col-credit-note = Credit note
cash-title = Cash application: received → posted
col-posted-by = Posted by
col-payments = Payments
col-median-lag = Median lag
col-p90-lag = p90 lag
promises-title = Promises to pay (kept: paid by the promised date + { $days } days)
col-segment = Segment
col-agent = Agent
col-promises = Promises
col-kept = Kept
col-broken = Broken
col-kept-rate = Kept rate
col-pending = Pending
broken-cases = Broken cases
broken-cases-label = Cases with a broken promise: { $group }
breakdown-title = Breakdown
breakdown-by = by
choose-attribute = (choose an attribute)
col-on-time = On time
col-itc = Invoice to cash
col-days-late = Days late (median)
col-written-off = Written off
col-to-cash-p90 = To cash p90
tip-to-cash-p90 = 90th percentile of invoice to cash
tip-dso = Simple DSO at the last month-end of the series
tip-add = Average days delinquent: DSO − best possible DSO
tip-cei = Collection effectiveness index, last 12 months
col-reminders = Reminders
col-paid-after-reminder = Paid after reminder
tip-paid-after-reminder = Reminders followed by a payment within the window
col-disputes = Disputes
col-open-disputes = Open disputes
col-posting-lag = Posting lag
tip-posting-lag = Payment received to payment posted
col-credit-decision = Credit decision
col-reissued = Re-issued
compliance-title = Policy and compliance
load-pack = Load rule pack…
load-pack-label = Load a rule pack
export-violations = Export violations CSV
pack-unreadable = the rule pack could not be read
edit = Edit
save = Save
edit-pack = Edit the rule pack
pack-json = Rule pack JSON
apply = Apply
col-rule = Rule
col-source = Source
col-violations = Violations
col-customers = Customers
cannot-see = What this check cannot see
first-of = first { $shown } of { $total }
violations-of = violations of { $rule }
show-cases = Show cases
activity-roles = Activity roles
save-mapping = Save mapping
load-mapping = Load mapping…
load-mapping-label = Load a mapping file
col-activity = Activity
col-role = Role
role-of = Role of { $name }
role-reminder-any = reminder
role-reminder = Reminder (level { $level })
role-credit_requested = Credit requested
role-credit_approved = Credit approved
role-credit_rejected = Credit rejected
role-invoice_created = Invoice created
role-invoice_sent = Invoice sent
role-invoice_cancelled = Invoice cancelled
role-due_date_passed = Due date passed
role-final_notice = Final notice
role-call_attempted = Call attempted
role-conversation_held = Conversation held
role-promise_to_pay = Promise to pay
role-promise_broken = Promise broken
role-dispute_raised = Dispute raised
role-dispute_resolved = Dispute resolved
role-credit_note = Credit note
role-payment_received = Payment received
role-payment_posted = Payment posted
role-invoice_cleared = Invoice cleared
role-sent_to_agency = Sent to agency
role-written_off = Written off
role-cease_contact = Cease contact
role-other = Other

## Overview
overview-loading = Loading the overview…
tile-cases = Cases
tile-events = Events
tile-activities = Activities
tile-variants = Variants
tile-resources = Resources
tile-median-duration = Median case duration
tile-mean-duration = Mean case duration
tile-p90 = 90th percentile
time-span = Time span:
chart-case-duration = Case duration
chart-events-per-week-title = Events per week
activities-title = Activities
col-events = Events
activities-truncated = The { $shown } most frequent of { $total } activities are listed (relance analyze lists them all).
import-title = Import
full-import-report = Full import report
rows-read = { $count ->
    [one] { $rows } row read
   *[other] { $rows } rows read
}
rows-skipped = { $rows } skipped
rows-left-out = { $rows } left out (lifecycle)
format-from = { $format } from { $name }
label-count = { $label }: { $count }
filter-hit = Filter: { $what }

## Variants
variants-title = Variants
show-selected-on-map = Show selected on map
export-csv = Export CSV
col-select = Select
col-share = Share
col-cumulative = Cumulative
col-median-duration = Median duration
col-sequence = Sequence
select-variant = Select variant { $rank }
variants-truncated = Showing the first { $shown } of { $total } variants; Export CSV has them all.
variant-cases-title = Cases of the selected variants
tick-variants = Tick variants to list their cases.
n-cases = { $count ->
    [one] { $cases } case
   *[other] { $cases } cases
}

## Filter bar
filters-label = Filters
add-filter = + Filter
remove-filter = Remove filter { $what }
cases-of = { $kept } of { $total } cases
clear-all = Clear all
save-view = Save view
save-view-choice = Save the view with or without log data
view-holds-data = This view holds log data: { $what }.
save-without = { $count ->
    [one] Save without it (drops { $count } filter)
   *[other] Save without it (drops { $count } filters)
}
save-with = Save with it
load-view = Load view…
load-view-label = Load a view file

## Filter dialog
fd-kind-activities = Activity present
fd-kind-attribute = Attribute values
fd-kind-timeframe = Timeframe
fd-kind-performance = Duration or size
fd-kind-variants = Variants
fd-kind-endpoints = Start and end
fd-kind-follower = Follower (A then B)
fd-kind-resources = Resource
fd-err-activity = tick at least one activity
fd-err-resource = tick at least one resource
fd-err-attribute = choose an attribute
fd-err-values = tick values or enter a range
fd-err-first-day = enter the first day
fd-err-last-day = enter the last day
fd-err-variants-either = enter either a number of top variants or a minimum of cases
fd-err-variants = enter a number of variants or of cases
fd-err-perf-either = enter either a duration or a number of events
fd-err-perf = enter a duration or a number of events
fd-err-endpoints = tick a start or an end activity
fd-err-a = tick an activity A
fd-err-b = tick an activity B
fd-check-numbers = Check the filter's numbers: { $what }.
fd-fill-in = Fill in the filter first: { $what }.
fd-title = Add a filter
fd-kind = Kind
fd-keep = Keep matching cases
fd-remove = Remove them
fd-choose = (choose)
fd-or-tick = …or tick values below
fd-from = From
fd-to-inclusive = To (inclusive)
fd-mode-intersecting = intersecting the period
fd-mode-contained = contained in it
fd-mode-started = started in it
fd-mode-completed = completed in it
fd-mode-trim = trim events to it
fd-top-k = Top k variants
fd-min-cases = or variants with at least N cases
fd-dur-from = Duration from (days)
fd-to-days = to (days)
fd-events-from = or events from
fd-to = to
fd-directly = directly (next event)
fd-within = within (days)
fd-after = after at least (days)
fd-add = Add filter
fd-containing = Cases containing any of
fd-event-by = Cases with an event by
fd-values = Values
fd-starts = Starts with
fd-ends = Ends with
fd-a = A
fd-then-b = then B
fd-keep-or-remove = Keep or remove
fd-range-from = From (min { $min })
fd-range-to = To (max { $max })

## Import report, reading settings, data model, sheets
ir-title = Import report
ir-file = File
ir-encoding = Encoding
ir-delimiter = Delimiter
ir-rows-read = Rows read
ir-rows-skipped = Rows skipped
ir-rows-filtered = Rows filtered (lifecycle)
ir-timestamps = Timestamps
ir-problems = Problems
ir-line = Line
ir-column = Column
ir-problem = Problem
delim-tab = tab
delim-comma = comma ,
delim-semicolon = semicolon ;
delim-pipe = pipe |
delim-other = other
mapping-dates = Dates like 03/04/2024
mapping-auto = decide from the file
mapping-day-first = day first (3 April)
mapping-month-first = month first (4 March)
mapping-complete-only = Only complete lifecycle events
mapping-import = Import
xes-lifecycle = This XES log records lifecycle transitions (such as schedule, start and complete) for its activities.
mapping-title = Check how to read
mapping-role-of = Role of column { $name }
mapping-time-preview = Timestamps read as UTC instants, e.g. { $raw } → { $read }
mapping-unreadable = unreadable
mapping-unreadable-count = { $unreadable } of { $total } preview values unreadable
mapping-choose = Choose a column for: { $what }
xes-import = Import { $name }
xes-complete-only = Keep only complete events (each activity once per execution, as Disco and ProM show it)
colrole-case = Case id
colrole-activity = Activity
colrole-timestamp = Timestamp
colrole-start_timestamp = Start timestamp
colrole-resource = Resource
colrole-lifecycle = Lifecycle
colrole-amount = Amount
colrole-currency = Currency
colrole-customer = Customer
colrole-segment = Segment
colrole-due_date = Due date
colrole-channel = Channel
colrole-dunning_level = Dunning level
colrole-dispute_reason = Dispute reason
colrole-promise_date = Promise date
colrole-attribute = Attribute
colrole-ignore = Ignore
dm-hint = Each table is linked by its key column (the invoice number). A table with one row per key gives an event for each date column; a table with several rows per key gives an event per row. The first table defines the cases.
dm-rows-per-key = Rows per key
dm-wide = one (open items): dates are events, the rest describes the case
dm-long = several (history): each row is an event
dm-make-main = Make this the main table
dm-example = For example
dm-use = Use
dm-activity-name = Activity name
dm-join = Join and import
dm-need-key = a key column for { $table }
dm-need-event = at least one date column used as an event
dm-title = Join { $count } tables into one log
dm-rows = { $count ->
    [one] { $rows } row
   *[other] { $rows } rows
}
dm-main-table = main table
dm-use-key = key (case id)
dm-use-event = event (date)
dm-use-activity = activity name
dm-use-attribute = attribute
dm-use-ignore = ignore
dm-activity-name-for = Activity name for { $name }
dm-choose = Choose { $what }
sheet-sheets = Sheets
sheet-read = Read this sheet
sheet-which = Which sheet of
sheet-which-end = ?
sheet-no-table = no table found
sheet-detail = { $columns ->
    [one] { $columns } column
   *[other] { $columns } columns
} ({ $names }) · { $rows } rows seen{ $dates ->
    [yes] {" · dates"}
   *[no] {""}
}

## Explore
ex-views = Explore views
ex-bottlenecks = Bottlenecks
ex-calendar = Weekday × hour
ex-resources = Resource × activity
ex-dotted = Dotted chart
ex-cases = Case explorer
ce-case-id = Case id
ce-find = Find
ce-next = Next →
ce-prev = ← Previous
ce-none = No such case (or no case in the current selection).
ce-time = Time (UTC)
ce-offset = Offset
ce-wait = Wait
ce-attributes = Attributes
ce-title = Case { $id }
ce-position = { $position } of { $total } selected cases
ce-not-selected = not in the current selection
ce-events = { $count ->
    [one] { $events } event
   *[other] { $events } events
} · duration { $duration }
dc-rows-by = Rows by
dc-start = case start
dc-duration = duration (longest first)
dc-relative = time since case start
dc-aria = Dotted chart: click a row to open its case
dc-count = { $cases } cases, { $events } events
dc-omitted = { $omitted } more cases not drawn
hm-wait-title = Waiting time between activities
hm-colour-by = Colour by
hm-median = median
hm-mean = mean
hm-total = total
hm-hint = Rows: from; columns: to. Sorted by impact (occurrences × median wait). Click a cell to keep only the cases with that step.
hm-from-to = from \ to
hm-split = Split the slowest steps by
hm-by-resource = resource (who did the step)
hm-group-step = group \ step
hm-events = events
hm-wait-there = median wait ending there
hm-day-hour = day \ hour
hm-res-title = Resource × activity: median time until the next step
hm-res-act = resource \ activity
hm-who-slow = Who is slow where
hm-cal-title = Weekday × hour of day (local time in the file)
hm-step-title = { $from } → { $to }: { $count ->
    [one] { $steps } step
   *[other] { $steps } steps
}, median { $median }, mean { $mean }, p90 { $p90 }, total { $total }
hm-keep-step = { $title }. Keep only the cases with this step.
hm-group-title = { $group }: { $from } → { $to }, { $count ->
    [one] { $steps } step
   *[other] { $steps } steps
}, median { $median }
hm-keep-steps = { $title }. Keep only the cases with these steps.
hm-cal-wait = { $day } { $hour }:00: { $count ->
    [one] { $events } event
   *[other] { $events } events
}, median wait { $wait }
hm-cal-events = { $day } { $hour }:00: { $count ->
    [one] { $events } event
   *[other] { $events } events
}
hm-keep-then = { $title }. Keep only the cases with an event then.
hm-res-cell = { $resource }, { $activity }: { $count ->
    [one] { $events } event
   *[other] { $events } events
}, median { $median } to the next step
hm-keep-events = { $title }. Keep only the cases with these events.
day-mon = Mon
day-tue = Tue
day-wed = Wed
day-thu = Thu
day-fri = Fri
day-sat = Sat
day-sun = Sun

## Files and messages
drop-message = Drop your event log (CSV, XES, .gz), a workbook, Parquet, or several tables
drop-private = It is read here, in your browser. Nothing is uploaded.
open-file-label = Open an event log, a workbook, or several tables
choose-file-first = choose a file first
reader-not-started = The reader for workbooks could not start.
no-sheet-table = { $name }: no sheet holds a table (a header row over rows of data)
internal-no-table = internal: the converted table did not arrive
doing-working = working
rows-read-label = Rows read

## Engine worker: errors and drill-down labels
err-no-file = no file was attached
err-demo = the demo log could not be built: { $error }
err-slice = cannot slice the file
err-read-file = the browser could not read the file
err-no-log = no log is loaded
err-open-collections = open the collections view first
err-open-insights = open the insights view first
drill-label-written-off = written off
drill-label-paid-late = paid late
drill-label-aging = open, { $bucket } days past due
drill-label-aging-current = open, not yet due
drill-label-dunning = { $activity } by { $channel }, unpaid
drill-label-disputes = disputes: { $reason }
drill-label-cash = posted by { $resource }
drill-label-broken = broken promises: { $group }
drill-label-past-due = past due at the end of { $month }
drill-label-open = open at the end of { $month }
drill-label-slowest = invoice to cash ≥ { $days } days (p90)
drill-label-reissued = cancelled and re-issued
err-finding-gone = that finding is no longer shown: compute the insights again
err-nothing-to-compare = nothing to compare: population A has { $a } cases and B has { $b }
export-file = Export { $file }
reading-table = Reading the table…
ir-format = Format
ir-columns = Case / activity / time
ir-import-time = Import time

## Picture exports
png-not-prepared = the picture could not be prepared
png-too-large-canvas = the browser refused a canvas this large
png-not-drawn = the picture could not be drawn
png-too-large = the picture is too large to encode
png-not-encoded = the picture could not be encoded
png-svg-unreadable = the browser could not read the SVG
png-failed = PNG export failed: { $why }. The SVG export may still work.
setting-days-range = { $label }: expected a number of days from 0 to { $max }, got { $value }
open-summary = Open summary…
open-summary-label = Open a summary computed where the data lives (relance warehouse or relance bundle output, .json)
reader-stopped = Reading the file stopped: it probably needs more memory than a browser tab has. Open it with the relance command line (relance analyze FILE).

## The engine's import sentences (src/engine_words.rs): each must read exactly as the engine writes it
imp-field-count = { $fields } fields where the header has { $columns }; read as far as they go
imp-no-case = no case id
imp-no-activity = no activity
imp-no-timestamp = no timestamp
imp-unreadable-time = cannot read "{ $value }" as a date and time
imp-naive-utc = { $count } timestamps have no time-zone offset and were read as UTC
imp-utf16-broken = { $count } unpaired UTF-16 surrogates (or a stray last byte) were replaced by U+FFFD: the file's text is broken there
imp-mixed-encoding = the file mixes UTF-8 and Windows-1252 text; fields that were not valid UTF-8 were read as Windows-1252
imp-bad-starts = column "{ $column }": { $count } start times could not be read (the first at line { $line }: "{ $value }") and are left empty
imp-date-order-loser = not a valid date when the file is read { $order }
imp-start-order-losers = column "{ $column }": { $count } start times are not valid dates when read { $order } (e.g. line { $line }: "{ $value }") and are left empty
imp-start-after-end = column "{ $column }": { $count } start times are after their event's end (the first at line { $line }: start { $start }, end { $end }) and are left empty
imp-case-conflicts = column "{ $column }": { $count } cases have more than one value; each keeps its first (e.g. case "{ $case }": "{ $kept }" kept, "{ $ignored }" ignored)
imp-date-order-ambiguous = day/month order could not be told from the dates ({ $count } values such as 03/04 read either way): read as day-first; choose month-first to override
imp-date-order-disagree = dates disagree on day/month order ({ $day_first } only valid day-first, { $month_first } only valid month-first): read as { $order }
imp-bad-numbers = { $count ->
    [one] column "{ $column }": one value could not be read as a number ("{ $value }") and is left empty
   *[other] column "{ $column }": { $count } values could not be read as numbers (e.g. "{ $value }") and are left empty
}
imp-bad-dates = { $count ->
    [one] column "{ $column }": one value could not be read as a date ("{ $value }") and is left empty
   *[other] column "{ $column }": { $count } values could not be read as dates (e.g. "{ $value }") and are left empty
}
imp-repeated-column = column name "{ $name }" appears { $count } times: read as { $names }
imp-repeated-columns-more = { $count } more column names appear more than once; their repeats are numbered the same way
imp-read-sheet = read from sheet "{ $sheet }" of the workbook
imp-date-kept-as-attribute = { $table }: "{ $column }" reads as a { $role ->
    [promise_date] promise date
   *[other] due date
} and stays an attribute (the collections measures use it); make it an event in the model to see it on the map
imp-table-no-date = { $table }: no date column, so no event; its columns are attributes
imp-rows-without-key = { $table }: { $count } rows have no "{ $key }" and were left out
imp-orphan-keys = { $table }: { $keys } keys ({ $rows } rows) are not in { $main } (e.g. { $examples }); their events are kept as cases without a row there
imp-repeated-keys = { $table }: read as one row per key, but { $keys } keys have more than one row (e.g. { $examples }); the first row gives the case's attributes, every row its events
imp-unreadable-date-cells = { $count } date cells could not be read as dates and give no event (e.g. { $examples })
imp-sheet-title-rows = sheet "{ $sheet }": the header is on its row { $row } ({ $count } title rows above it were skipped)
imp-sheet-empty-headers = sheet "{ $sheet }": { $count } header cells are empty (merged cells keep their text in the first one) and were named "Column N"
imp-sheet-cut-cells = sheet "{ $sheet }": { $count } cells right of the table's last column were not read
imp-sheet-error-cells = sheet "{ $sheet }": { $count } error cells (#N/A, #VALUE!, ...) were read as empty
imp-parquet-nested = { $count } nested Parquet columns (groups, lists, maps) were left out: { $columns }
imp-read-sheet-of = read from sheet "{ $sheet }" of { $file }
imp-xes-ends-in-tag = the file ends inside a tag (truncated?)
imp-xes-ends-in-trace = the file ends inside a trace (truncated?); the trace's complete events are kept
imp-xes-stray-events = { $count } <event> elements are not a trace's own events (they sit directly under <log>, or inside <list>, <container>, unknown or namespaced elements) and were not read; the first at line { $line }
imp-xes-global-name = { $count } events have no concept:name; the log declares "{ $default }" as its default (<global scope="event">), which is not applied, as pm4py does not apply it: these events are skipped
imp-xes-missing-ends-opening = missing { $missing } before this { $tag }; closed here
imp-xes-missing-ends = missing { $missing } before { $tag }; closed here
imp-xes-nameless-end = a closing tag without a name (</>); ignored
imp-xes-unopened-end = { $tag } closes no open element; ignored
imp-xes-nameless-traces = some traces have no concept:name; they are named "trace N" by their position in the file
imp-xes-no-name = event in trace "{ $trace }" has no concept:name
imp-xes-no-time = event in trace "{ $trace }" has no time:timestamp
imp-kind-missing-case = missing case id
imp-kind-missing-activity = missing activity
imp-kind-missing-timestamp = missing timestamp
imp-kind-unreadable-timestamp = unreadable timestamp
imp-kind-field-count = wrong number of fields
imp-kind-malformed = malformed XML
imp-first-problems = The first { $count } problems are listed.
file-error = { $name }: { $message }
err-columns-more = { $list } and { $more } more
err-empty = the file is empty
err-missing-role = no { $role } column found among { $columns }; name one explicitly
err-unknown-column = no column named "{ $name }"; the file has { $columns }
err-header-mismatch = the header has { $found } columns ({ $found_list }) but the mapping was made for { $expected } ({ $expected_list })
err-no-events = no event could be read: { $rows } rows, { $skipped } skipped
err-no-events-first = no event could be read: { $rows } rows, { $skipped } skipped (first: line { $line }, column "{ $column }": { $problem })
err-gzip = cannot decompress the file: { $detail }
err-io = cannot read the file: { $detail }
err-out-of-memory = out of memory after { $rows } rows: the log is too large for this tab; run the analyses where the data lives (relance warehouse)
err-need-more-head = more of the file is needed to guess how to read it

## Forecast view (features/forecast)
tab-forecast = Forecast
doing-forecasting = forecasting the open invoices
doing-writing-worklist = writing the worklist
err-open-forecast = open the forecast view first
fc-computing = Forecasting the open invoices and backtesting the forecast…
fc-as-of = As of
fc-as-of-end = Back to the log's end
fc-as-of-help = Everything is learned from the events up to the end of that day; the backtest replays the same forecast at past dates.
fc-key-figures = The open book
fc-open-invoices = Open invoices
fc-open-invoices-def = Invoices issued and not paid, written off or cancelled at the end of { $as_of }.
fc-open-amount = Open amount
fc-open-amount-def = The open invoices' amounts added up (invoices without an amount are counted, not added).
fc-at-risk = Amount at risk
fc-at-risk-def = Σ amount × probability of being paid late (after the due date) or never.
fc-past-due = Past due
fc-past-due-def = Open invoices past their due date at the as-of date: late whatever happens.
fc-no-open-invoices = No invoice is open at the end of { $as_of }: there is nothing to forecast.
fc-chips = Narrow the worklist
fc-chip-past-due = Past due
fc-chip-likely-late = Likely late (≥ 50 %)
fc-chip-dispute = Dispute open
fc-chip-thin = Thin history
fc-chip-not-dated = No date
fc-worklist-title = Worklist, by amount at risk
fc-worklist-count = { $shown } of { $total } open invoices shown (the first { $max })
fc-worklist-csv = CSV, all { $total }
fc-baseline-column-note = The forecast does not beat the better baseline on this log: use the baseline's date.
fc-thin-badge = Thin history: the date leans on similar invoices
fc-cash-title = Cash expected per week, next { $weeks } weeks
fc-cash-caption = Bars: expected cash (amount × chance of being paid that week, net of write-offs). Whiskers: 10th to 90th percentile of the simulations, widened as much as the backtest says the band needed.
chart-cash-amount = Expected cash per week ({ $currency })
chart-cash-amount-plain = Expected cash per week
chart-cash-invoices = Invoices expected paid per week
fc-figure-forecast = Forecast
fc-figure-write-off = Write-off probability
fc-figure-backtest = Backtest
fc-figure-customers = Customer habits
fc-backtest-title = How the forecast did on this log's past
fc-backtest-none = The backtest is not available.
fc-backtest-cutoffs = Forecasts made at { $cutoffs }, each from what was known then, scored on what happened over the next { $horizon } days.
fc-loses-use-baseline = The dates to use are the baseline's: { $baseline } (column "Baseline date" in the worklist).
fc-baseline-due = the due date
fc-baseline-customer = the due date plus the customer's average delay
fc-mae = Error of the forecast
fc-mae-def = Mean absolute error of the expected payment date, days, over { $invoices } invoices paid after a cut date.
fc-mae-due = Baseline: due date
fc-mae-due-def = The same error for "paid on the due date" (the next day when already overdue).
fc-mae-customer = Baseline: customer's habit
fc-mae-customer-def = The same error for "due date plus the customer's average delay" (everyone's for a new customer).
fc-brier = Brier score, late
fc-brier-def = Mean squared error of the late probability over { $invoices } invoices not yet due at a cut date, against the customer's own late share (lower is better).
fc-vs = baseline { $value }
fc-coverage = 80 % interval held
fc-coverage-def = Share of { $invoices } invoices whose payment date fell within the forecast's 80 % interval (72–88 % is honest).
fc-reliability-title = Reliability of the late probability
fc-reliability-caption = Invoices grouped by predicted probability: a calibrated forecast's mean prediction lies within the Wilson 95 % interval of the share that was late.
col-invoice = Invoice
col-customer = Customer
col-due-date = Due date
col-p-late = P(late)
col-p-write-off = P(write-off)
col-expected-date = Expected payment (80 % interval)
col-expected-date-def = Median payment date given that the invoice is still unpaid at the as-of date, with its 10th and 90th percentiles.
col-baseline-date = Baseline date
col-baseline-date-def = The date of the baseline that did better in the backtest.
col-reasons = Reasons (days they add)
col-predicted-band = Predicted
col-mean-predicted = Mean predicted
col-observed-late = Observed late
col-wilson = 95 % interval (Wilson)
open-case = Open
open-case-label = Open invoice { $case }
# Conformance view (issue 18)
tab-conformance = Conformance
doing-checking-conformance = checking the cases against the ideal process
doing-aligning-variant = aligning a variant
doing-exporting-model = exporting the model
err-open-conformance = open the conformance view first
cf-loading = Holding the cases against the ideal process…
cf-ideal-title = The ideal process
cf-from-log = Mined from the log
cf-top-variants = Top variants covering
cf-noise = Noise threshold
cf-noise-help = 0: the inductive miner, every chosen variant fits the model; above 0 (IMf): rare behaviour among the chosen variants is left out of the model.
cf-mine = Mine the model
cf-mine-ticked = { $count ->
    [0] Mine from ticked variants (tick them below)
    [one] Mine from the ticked variant
   *[other] Mine from the { $count } ticked variants
}
cf-import = Imported
cf-import-button = Import BPMN or PNML…
cf-import-label = Import an ideal process as a BPMN 2.0 or PNML file
cf-import-help = BPMN 2.0 (tasks, exclusive and parallel gateways, start and end events) or a PNML Petri net; read in this browser, never uploaded.
cf-export = Export
cf-file-unreadable = { $file }: the browser could not read the file as text
cf-model-title = The ideal process, with where cases leave it
cf-model-size = { $activities } activities · Petri net of { $transitions } transitions ({ $silent } silent) and { $places } places · { $sound }
cf-sound = sound
cf-unsound = not sound
cf-unchecked = soundness not checked (too many states)
cf-layout-file = Drawn with the file's own diagram layout. Activities in red are where cases deviate (kind and share of cases underneath).
cf-layout-engine = Laid out by Relance. Activities in red are where cases deviate (kind and share of cases underneath).
cf-inserted-list = Done outside the model:
cf-see-real-process = See the real process on the map
cf-mapping-title = { $unmatched ->
    [0] Model activities and the log's (all paired)
    [one] Model activities and the log's (1 not paired)
   *[other] Model activities and the log's ({ $unmatched } not paired)
}
cf-mapping-help = Each activity of the model stands for one activity of the log: by the same name, else by a similar one (case, accents, spaces ignored). Change a pair when the names differ; an activity paired with none can only be skipped.
cf-col-model-activity = Model activity
cf-col-log-activity = Log activity
cf-col-how = Paired by
cf-map-label = Log activity for the model's "{ $activity }"
cf-map-none = (none)
cf-match-same = same name
cf-match-similar = similar name
cf-match-user = you
cf-match-none = none
cf-log-fitness = Log fitness
cf-log-fitness-def = pm4py's definition: 1 − the sum of deviations over the cases ÷ the sum of (trace length + visible steps of the model's shortest complete run). A deviation is a log move or a visible model move of an optimal alignment (cost 1 each, silent moves 0).
cf-trace-fitness = Average trace fitness
cf-trace-fitness-def = The mean over cases of 1 − deviations ÷ (trace length + visible steps of the model's shortest complete run), as pm4py's alignments define trace fitness.
cf-fit-cases = Fitting cases
cf-fit-cases-def = Cases with no deviation at all (an optimal alignment of cost 0); in brackets, their share of the aligned cases.
cf-cases = Cases checked
cf-cases-def = Cases of the current filter; { $aligned } aligned within the search budget (one exact alignment per variant).
cf-na-not-aligned = no variant could be aligned within the search budget
cf-not-aligned = { $variants } variants ({ $cases } cases) could not be aligned within the search budget: they are left out of the figures.
cf-deviations-title = Deviations, by impact
cf-deviations-def = Impact: the median { $measure } of the cases with the deviation minus the other cases', with a 95 % bootstrap interval; ranked by cases × the end of the interval nearest zero. q-values corrected for testing every deviation at once (Benjamini–Hochberg).
cf-measure-itc = invoice-to-cash days
cf-measure-duration = case duration in days
cf-no-deviation = Every case follows the ideal process.
cf-kind-skipped = skipped
cf-kind-inserted = done outside the model
cf-kind-out-of-order = out of order
cf-kind-repeated = repeated
cf-col-kind = Deviation
cf-col-impact = Impact
cf-col-amount = Amount
cf-cases-of = Show the cases: { $what }
cf-variants-title = Variants against the model
cf-variants-help = Tick the variants that make the happy path, then "Mine from ticked variants". "Moves" shows a variant's optimal alignment.
cf-col-ideal = Happy path
cf-tick-label = Variant { $rank } in the happy path
cf-col-deviations = Deviations
cf-col-fitness = Fitness
cf-moves = Moves
cf-moves-title = Alignment of variant { $rank }
cf-moves-help = Plain: the case and the model move together. "inserted": an event the model cannot do here. "skipped": a step the model needed that the case does not have.
cf-move-log = { $activity } (inserted)
cf-move-model = { $activity } (skipped)
cf-scenarios-title = What if: the process changed
cf-scenarios-caveat = Estimates from this log with 95 % bootstrap intervals, not promises: each scenario gives its cases the outcomes of similar cases that already behave that way. Changes are scenario minus actual (negative days: faster cash).
cf-col-scenario = Scenario
cf-col-affected = Cases changed
cf-col-itc = Invoice-to-cash (days)
cf-col-dso = DSO (days)
cf-col-cash = Cash released
cf-col-late = Late invoices
cf-col-write-offs = Write-offs
cf-col-duration = Case duration (days)
cf-remove = Remove
cf-add-scenario = Add a scenario
cf-scenario-follow = A deviation follows the ideal path
cf-scenario-wait = An activity's wait changes
cf-scenario-segment = A segment behaves like the rest
cf-scenario-deviation = Deviation
cf-scenario-activity = Activity
cf-scenario-factor = Wait × (0 to 1)
cf-scenario-attribute = Column
cf-scenario-value = Value
cf-scenario-add = Add and estimate
# The report to hand over (features/report).
doing-report = making the report
report-button = Report
report-button-title = Download a self-contained report (HTML, prints to PDF) of the current filter, in this language; made in this browser, nothing is uploaded
report-file-name = Relance report
