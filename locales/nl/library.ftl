# Bibliotheek: zoeken, lezen, reacties en herkenbaar.
