# Library: search, reading, comments and recognitions.
