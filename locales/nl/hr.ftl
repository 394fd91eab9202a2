# HR (issue 12): paged lists, export, employee import, audit log. Server-rendered pages only:
# this file is left out of the browser bundle (see src/i18n.rs).

paging-label = Pagina's
paging-range = { $first }–{ $last } van { $total }
paging-page = pagina { $page } van { $pages }
paging-previous = ← Vorige
paging-next = Volgende →

filter-department-all = Alle afdelingen
people-export-csv = Exporteer als CSV (Excel)
people-export-csv-comma = CSV met komma's
walk-readable-search = Zoek op persoon of klantreis
walk-readable-year = Jaar
