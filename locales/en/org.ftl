# Organisation upkeep: rename, merge and remove departments and teams.
