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
insights-population = { $cases } cases in the current filter
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
doing-computing-heatmaps = computing the heatmaps
doing-drawing-dotted-chart = drawing the dotted chart
doing-reading-case = reading the case
doing-listing-values = listing the values
doing-looking-for-what-drives-outcome = looking for what drives the outcome
doing-comparing-two-populations = comparing the two populations
doing-preparing-replay = preparing the replay

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
summary-cases = Cases
summary-events = Events
summary-activities = Activities
summary-variants = Variants
summary-median = Median case duration
summary-mean = Mean case duration
summary-p90 = 90th percentile
summary-longest-case = Longest case
summary-time-span = Time span: { $span }
summary-no-charts = The case-duration histogram and events per week need the cases: not available from a summary document.
summary-col-activity = Activity
summary-collections-intro = The collections measures as computed where the data lives (field names as in relance analyze --json; n/a where the figure is not available there).
summary-no-collections = The document has no collections measures: run relance warehouse with --mapping to compute them.
summary-cell-missing = Not available in the document
summary-tab-closed = Needs the cases: not available for a summary document
