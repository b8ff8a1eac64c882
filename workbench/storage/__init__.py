"""The project file: SQLite schema, migrations, repositories, full-text index. No Qt."""
