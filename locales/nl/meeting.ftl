# Presentaties: de bijeenkomst, het oordeel van de reviewer en meldingen.
presentation-error-meeting-in-future = Die datum ligt in de toekomst.
presentation-error-meeting-too-old = Die datum is meer dan een jaar geleden.
presentation-error-no-attendees = Kies wie erbij waren.
