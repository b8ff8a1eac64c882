"""Errors a user can act on. Their message is one readable line."""


class WorkbenchError(Exception):
    """A failure explained to the user; the CLI prints it without a traceback."""


class NotFoundError(WorkbenchError):
    pass


class AmbiguousError(WorkbenchError):
    pass


class InvalidInputError(WorkbenchError):
    pass


class ProjectFileError(WorkbenchError):
    """The project file cannot be used: missing, damaged, foreign, too new, or locked."""


class ProjectLockedError(ProjectFileError):
    pass
