# Licences moved over from an old register, in bulk.
licence-import-title = Licences from an old register
licence-import-lead = A CSV with per row the holder (employee number or e-mail), valid from, valid through and a reason. Each row becomes a manual certification with those dates, also when it has already expired. First a check, then apply.
licence-import-file = Register file (CSV)
licence-import-file-hint = Dates like 2025-03-01 or 1-3-2025. One row per period.
licence-import-col-holder = Holder
licence-import-col-from = Valid from
licence-import-col-through = Valid through
licence-import-col-reason = Reason
licence-import-preview-title = Check of the licence register
licence-import-periods = Periods to be recorded
licence-import-expired = (expired)
licence-import-apply-explain = All periods are recorded at once as manual certifications, with one audit log entry per period. If one period fails, nothing is recorded.
licence-import-count = { $count ->
    [one] 1 period
   *[other] { $count } periods
}
licence-import-applied = { $count ->
    [one] 1 licence period moved over.
   *[other] { $count } licence periods moved over.
}
licence-import-error-holder-missing = Holder missing
licence-import-error-holder-unknown = Unknown holder (no employee number or e-mail address of anyone here)
licence-import-error-holder-inactive = This holder is no longer active
licence-import-error-date = Invalid date (use 2025-03-01 or 1-3-2025)
licence-import-error-order = Valid through is before valid from
licence-import-error-overlap = Overlaps a period this person already holds
licence-import-error-overlap-file = Overlaps a period earlier in the file (line)
licence-import-check = Check the register
