"""File ▸ Backups… and the offer to recover a damaged project from its newest good backup."""
