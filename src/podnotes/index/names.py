"""The names of the index's files and of the meta keys that decide a full check, in a module
that imports nothing: index.early's child reads them before any other part of the index."""

FOLDER = ".podnotes"  # beside the notes
FILENAME = "index.sqlite3"
LOCK_NAME = "watch.lock"  # held by a running watcher (index.watch)
CHECKED_KEY = "checked_at"  # when the last full check started (seconds since the epoch)
# The folder's names in directory order as the last command that listed them saw them, with the
# folder's mtime then, in a file beside the index: while the folder's mtime is still that one,
# its names are still those, and a full check stats them without listing the folder (stamps).
LISTING_NAME = "listing"
