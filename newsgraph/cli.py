"""The `newsgraph` command: thin wrappers over the library functions in `newsgraph.workflow`."""
from __future__ import annotations

import json
import os
import sys
import textwrap
from collections import defaultdict
from dataclasses import replace

import click

from newsgraph import errors
from newsgraph.exports.document import article_json, export_store
from newsgraph.model import Article, Rejection
from newsgraph.periods import as_quarter
from newsgraph.reconcile.facts import describe
from newsgraph.settings import Settings
from newsgraph.store.db import Store

DB_OPTION = click.option("--db", default=None, metavar="FILE|URL",
                         help="Store: a SQLite file (default newsgraph.db) or a database URL.")


def figure_text(fact) -> str:
    """'vehicle deliveries [2026]: 440,000 vehicles (target)': a figure as `show` and `facts` print it."""
    period = f" [{as_quarter(fact.period)}]" if fact.period else ""
    qual = f" ({fact.qualifier.value})" if fact.qualifier.value in {"target", "forecast"} else ""
    return f"{fact.metric}{period}: {describe(fact)}{qual}"


def ray_address_of(value: str | None) -> str | None:
    """``--ray``'s value: an address, or 'local'; a file or folder there was meant as a PATH."""
    if value and "://" not in value and value not in ("local", "auto") and os.path.exists(value):
        raise click.UsageError(f"--ray took '{value}' as the Ray address: put --ray after the paths, "
                               "or give an address (--ray ray://HEAD:10001)")
    return value


def settings_from(**overrides: object) -> Settings:
    return Settings.from_env(**overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def cli() -> None:
    """newsgraph: a cross-checked, source-attributed record of what news says about companies."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("--max-bytes", type=int, default=None, help="Reject inputs larger than this (default 10 MB).")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes running the language pipeline on this machine (default: one per core; "
                   "1: this process only). With --ray: the number of Ray actors (default: the cluster's CPUs).")
@click.option("--ray", "ray_address", is_flag=False, flag_value="local", default=None, metavar="[ADDRESS]",
              callback=lambda ctx, param, value: ray_address_of(value),
              help="Run the language pipeline on Ray: alone, a small Ray started on this machine; "
                   "with ray://HEAD:10001, the cluster of that head (see docs/scale-out.md).")
def analyze(paths: tuple[str, ...], db: str | None, max_bytes: int | None, workers: int | None,
            ray_address: str | None) -> None:
    """Analyse articles (files or folders of .txt .html .htm .jsonl .rss .atom .xml .warc, optionally .gz).

    Exits 0 when every input was taken, 2 when some were rejected (see `newsgraph errors`).
    """
    from newsgraph.workflow import analyze as run_analyze  # heavy imports only where needed

    settings = settings_from(db=db, max_bytes=max_bytes, workers=workers, ray_address=ray_address)
    if settings.workers is None and not settings.ray_address:
        settings = replace(settings, workers=os.cpu_count() or 1)  # the command's default: one per core
    result = run_analyze(paths, settings)
    line = (f"{len(result.added)} articles added, {len(result.unchanged)} already in the store, "
            f"{len(result.rejected)} rejected; {result.stories} stories in {settings.db}")
    if result.rejected:
        line += " (see `newsgraph errors`)"
    click.echo(line)
    sys.exit(0 if result.ok else 2)


@cli.command()
@DB_OPTION
def rebuild(db: str | None) -> None:
    """Re-cluster every stored article into stories and reconcile each story again.

    `analyze` does this after every batch; run it after upgrading newsgraph or changing settings."""
    from newsgraph.workflow import rebuild as run_rebuild

    settings = settings_from(db=db)
    click.echo(f"{run_rebuild(settings)} stories in {settings.db}")


@cli.command()
@DB_OPTION
def stories(db: str | None) -> None:
    """List the stories: id, title, outlets, article count, latest date."""
    store = Store(settings_from(db=db).db)
    articles = {a.id: a for a in store.articles()}
    rows = store.story_rows()
    if not rows:
        click.echo("no stories yet: run `newsgraph analyze PATH` first")
        return
    for row in rows:
        outlets = sorted({articles[a].outlet or articles[a].source for a in row["article_ids"]})
        latest = (row["last_published"] or "")[:10] or "undated"
        click.echo(f"{row['id'][:10]}  {row['title']}\n"
                   f"            {len(row['article_ids'])} articles · {', '.join(outlets)} · latest {latest}")


@cli.command()
@click.argument("story_id")
@DB_OPTION
def show(story_id: str, db: str | None) -> None:
    """Show one story: articles, report, responses per party, facts and disagreements, with evidence."""
    from newsgraph.reconcile.stance import independent_sources

    store = Store(settings_from(db=db).db)
    story = store.story(story_id)
    articles = {a.id: a for a in store.articles(story.article_ids)}

    def outlet(aid: str) -> str:
        return articles[aid].outlet or articles[aid].source

    def words(ev) -> str:
        return textwrap.shorten(ev.text_in(articles[ev.article_id].text), 220, placeholder=" …")

    click.secho(story.title, bold=True)
    click.echo(f"id {story.id}")
    if story.summary:
        click.echo(textwrap.fill(story.summary, 100))
    click.secho("\nArticles", bold=True)
    for aid in story.article_ids:
        a = articles[aid]
        when = a.published_at.isoformat(sep=" ", timespec="minutes") if a.published_at else "undated"
        click.echo(f"  {when:<25} {outlet(aid):<24} {a.title or a.source}")
    if story.reports:
        click.secho("\nReported by", bold=True)
        for r in story.reports:
            citing = f", citing {r.citing}" if r.citing else ""
            click.echo(f"  {r.reported_by}{citing} ({outlet(r.evidence.article_id)})\n    “{words(r.evidence)}”")
    if story.stances:
        click.secho("\nStance toward the claim", bold=True)
        sources = independent_sources(story.stances)
        for side in ("reports", "denies", "neutral"):
            arts = [st for st in story.stances if st.stance == side]
            if arts:
                click.echo(f"  {side:<8} {len(arts)} article(s), {len(sources[side])} independent source(s): "
                           f"{', '.join(sources[side])}")
                for st in arts:
                    click.echo(f"      {outlet(st.article_id)}: “{textwrap.shorten(st.headline, 160, placeholder=' …')}”")
    if story.responses:
        click.secho("\nResponses", bold=True)
        by_party = defaultdict(list)
        for r in story.responses:
            by_party[r.party].append(r)
        for party, items in by_party.items():
            click.echo(f"  {party}")
            for r in sorted(items, key=lambda r: r.as_of.isoformat() if r.as_of else "~"):
                when = r.as_of.date().isoformat() if r.as_of else "undated"
                click.echo(f"    {r.kind.value:<20} {when:<11} {outlet(r.evidence.article_id)}\n"
                           f"      “{words(r.evidence)}”")
    if story.facts:
        click.secho("\nFacts", bold=True)
        for f in story.facts:
            click.echo(f"  {f.fact.subject} · {figure_text(f.fact)} — "
                       f"{', '.join(outlet(a) for a in f.article_ids)}\n      “{words(f.evidence[0])}”")
    if story.disagreements:
        click.secho("\nWhere the outlets differ", bold=True)
        for d in story.disagreements:
            click.echo(f"  {d.kind.value}: {d.about}")
            for ev in d.evidence:
                click.echo(f"      {outlet(ev.article_id)}: “{words(ev)}”")


@cli.command()
@click.argument("entity")
@click.option("--metric", default=None, metavar="M", help="Only figures whose metric contains M (e.g. 'deliveries').")
@DB_OPTION
def facts(entity: str, metric: str | None, db: str | None) -> None:
    """Show an entity's figures over time, each with its source outlet, date and sentence.

    ENTITY is a name, alias or ticker ('Ford', 'NYSE:F') or a unique part of a name.
    """
    from newsgraph.workflow import entity_facts

    chosen, rows = entity_facts(Store(settings_from(db=db).db), entity, metric)
    click.secho(f"{chosen.name}: {len(rows)} figures" + (f" with metric '{metric}'" if metric else ""), bold=True)
    for fact, article in rows:
        when = article.published_at.date().isoformat() if article.published_at else "undated"
        sentence = textwrap.shorten(fact.evidence.text_in(article.text), 200, placeholder=" …")
        click.echo(f"  {when:<11} {figure_text(fact)} — {article.outlet or article.source}\n"
                   f"      “{sentence}”")


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Export format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="-", show_default=True,
              help="File to write ('-' for standard output).")
def export(db: str | None, fmt: str, output: str) -> None:
    """Export every article, entity and story as JSON (schema version 1)."""
    data = export_store(Store(settings_from(db=db).db))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if output == "-":
        click.echo(text)
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        click.echo(f"wrote {len(data['articles'])} articles, {len(data['stories'])} stories to {output}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format.")
@click.option("--max-bytes", type=int, default=None, help="Reject inputs larger than this (default 10 MB).")
def extract(paths: tuple[str, ...], fmt: str, max_bytes: int | None) -> None:
    """Print cleaned article records, one JSON object per line; rejections go to standard error."""
    from newsgraph.workflow import extract as run_extract

    rejected = 0
    for item in run_extract(paths, settings_from(max_bytes=max_bytes)):
        if isinstance(item, Article):
            record = article_json(item)
            click.echo(json.dumps({k: record[k] for k in ("source", "outlet", "title", "byline", "published_at",
                                                          "url", "text")}, ensure_ascii=False))
        else:
            rejected += 1
            click.echo(f"rejected {item.source}: {item.reason}", err=True)
    sys.exit(2 if rejected else 0)


@cli.command("errors")
@DB_OPTION
def errors_(db: str | None) -> None:
    """List the inputs that were rejected, with the reason."""
    rows: list[Rejection] = Store(settings_from(db=db).db).rejections()
    if not rows:
        click.echo("no rejected inputs")
    for r in rows:
        click.echo(f"{r.source}\t{r.code}\t{r.reason}")


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--max-bytes", type=int, default=None, help="Largest upload taken (default 10 MB).")
def serve(db: str | None, host: str, port: int, max_bytes: int | None) -> None:
    """Serve the web pages and the JSON API over the store (open http://HOST:PORT/).

    Pages for people at /, the API under /api (described at /docs and /openapi.json).
    """
    import uvicorn

    from newsgraph.web import create_app

    settings = settings_from(db=db, max_bytes=max_bytes)
    app = create_app(settings=settings)
    click.echo(f"newsgraph on http://{host}:{port}/ over {settings.db} (Ctrl+C stops it)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
def gazetteer() -> None:
    """The gazetteer of listed companies (names, aliases, tickers)."""


@gazetteer.command("update")
@click.option("--from", "source", default=None,
              help="The SEC company_tickers_exchange.json: a local file or a URL (default: the SEC's own URL).")
@click.option("--output", default=None, type=click.Path(),
              help="Where to write the refreshed companies (default $NEWSGRAPH_GAZETTEER or the user data folder).")
def gazetteer_update(source: str | None, output: str | None) -> None:
    """Refresh the gazetteer from the SEC company-ticker file; later analyses use it."""
    from pathlib import Path

    from newsgraph.sec import GazetteerUpdateError, update_gazetteer

    try:
        path, count = update_gazetteer(source, Path(output) if output else None)
    except (OSError, GazetteerUpdateError) as exc:
        raise click.ClickException(f"{exc}. Give a local copy of the SEC file with --from FILE.") from exc
    click.echo(f"{count} companies written to {path}")


def main() -> None:
    """Entry point: errors reach the user as one line that says what to do, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except errors.NewsgraphError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("NEWSGRAPH_DEBUG"):
            raise
        click.echo(f"internal error: {exc.__class__.__name__}: {exc}. Set NEWSGRAPH_DEBUG=1 for details and "
                   "please report it.", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
