"""Research Workbench: offline analysis of sources on sanctions, export controls and AI hardware."""

__version__ = "0.1.0"
APP_NAME = "Research Workbench"
