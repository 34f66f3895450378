"""A minimal two-command Typer app: the start-up floor podnotes is compared with."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    typer.echo(f"hello {name}")


@app.command()
def bye() -> None:
    typer.echo("bye")


if __name__ == "__main__":
    app()
