# Evidence screens.
