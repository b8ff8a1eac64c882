"""The source library: every source of the project, filtered and sorted."""
