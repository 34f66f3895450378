"""Typer commands, one module per area; each command parses options, calls the core, renders."""
