# HR (issue 12): paged lists, export, employee import, audit log. Server-rendered pages only:
# this file is left out of the browser bundle (see src/i18n.rs).

paging-label = Pages
paging-range = { $first }–{ $last } of { $total }
paging-page = page { $page } of { $pages }
paging-previous = ← Previous
paging-next = Next →

filter-department-all = All departments
people-export-csv = Export as CSV (Excel)
people-export-csv-comma = CSV with commas
walk-readable-search = Search person or journey
walk-readable-year = Year
