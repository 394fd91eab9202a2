# Meldingen over verbeteringen en wrijvingen die geen actie krijgen (de bel).
notification-improvement-created = { $name } heeft je wrijving opgenomen in de verbetering ‘{ $title }’
notification-improvement-fixed = { $name } heeft ‘{ $title }’ opgelost
notification-improvement-wont-fix = { $name } heeft besloten ‘{ $title }’ niet op te lossen; lees waarom
notification-improvement-reopened = ‘{ $title }’ is weer in uitvoering: latere lopers zeggen dat het nog steeds een probleem is
notification-improvement-overdue = ‘{ $title }’ is over de streefdatum
notification-improvement-stale = ‘{ $title }’ is al lang niet bijgewerkt
notification-friction-no-action = { $name } heeft je wrijving ‘{ $title }’ gesloten zonder actie; de reden staat in je logboek
