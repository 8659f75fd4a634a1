"""tuyengiao: plans and reports for the trade union's propaganda work, kept as plain YAML."""

__version__ = "0.1.0"
