"""The errors Tidings raises on purpose. Callers catch `TidingsError`; messages say where."""


class TidingsError(Exception):
    """Base of every error Tidings raises on purpose."""


class InputError(TidingsError):
    """An input we cannot read; the run continues without it (exit status 1)."""


class DataError(TidingsError):
    """A file in data/ (or a user dictionary) is malformed: fix the named file."""


class StoreError(TidingsError):
    """The database cannot be opened or written (locked by another run, newer schema, ...)."""


class UsageError(TidingsError):
    """Arguments that cannot work together (exit status 2)."""


class DatabaseBusyError(StoreError):
    """The database is held by another Tidings process (exit status 3): wait and run again."""
