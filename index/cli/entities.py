"""CLI subcommands (placeholder: the owning work fills this in)."""


def register(sub) -> None:
    pass
