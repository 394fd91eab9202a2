# Licences moved over from an old register, in bulk.
