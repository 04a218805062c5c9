"""Letter intake: incoming letters (surat masuk) read, described and registered."""
