"""The `newsgraph` command: thin wrappers over the library functions in `newsgraph.workflow`."""
from __future__ import annotations

import functools
import json
import os
import sys
import textwrap
from collections import defaultdict
from dataclasses import replace

import click
from sqlalchemy.exc import SQLAlchemyError

from newsgraph import errors
from newsgraph.exports.document import article_json, export_store
from newsgraph.exports.tables import FORMATS as TABLE_FORMATS, write_tables
from newsgraph.model import Article, Rejection
from newsgraph.periods import as_quarter
from newsgraph.reconcile.facts import describe
from newsgraph.settings import Settings
from newsgraph.store.db import Store

DB_OPTION = click.option("--db", default=None, metavar="FILE|URL",
                         help="Store: a SQLite file (default newsgraph.db) or a database URL.")


ALERT_DELIVERY = "newsgraph.alert_delivery"  # where alert_options keeps the command's delivery


def _webhook_url(_ctx, _param, value: str | None) -> str | None:
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise click.BadParameter(f"'{value}' is no http(s) URL; give one like https://example.org/hook")
    return value


def alert_options(command):
    """Give a command that changes the store ``--alerts-jsonl FILE`` and ``--webhook URL``: the
    alerts raised while it runs are appended to FILE and POSTed to URL when it ends (also when it
    exits with a status). A command that runs for long calls ``flush_alerts()`` after each pass.
    The command must take ``--db`` (DB_OPTION)."""
    @click.option("--alerts-jsonl", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                  help="Append each alert this run raises to FILE, one JSON object per line.")
    @click.option("--webhook", default=None, metavar="URL", callback=_webhook_url,
                  help="POST each alert this run raises to URL as JSON (retried, failures recorded).")
    @functools.wraps(command)
    def run(*args, alerts_jsonl: str | None, webhook: str | None, **kwargs):
        if not alerts_jsonl and not webhook:
            return command(*args, **kwargs)
        from newsgraph.flow.alert_delivery import AlertDelivery

        delivery = AlertDelivery(Store(settings_from(db=kwargs.get("db")).db), alerts_jsonl, webhook)
        click.get_current_context().meta[ALERT_DELIVERY] = delivery
        try:
            return command(*args, **kwargs)
        finally:
            try:
                flush_alerts()
            except (errors.NewsgraphError, OSError, SQLAlchemyError) as exc:
                # the analysis and its alerts are stored; `newsgraph alerts --since` gives them again
                click.echo(f"alerts not delivered ({exc.__class__.__name__}: {exc}); "
                           "`newsgraph alerts --format jsonl --since TIME` lists them", err=True)
    return run


def flush_alerts() -> None:
    """Send the alerts raised since the last flush, when the running command was given somewhere
    to send them (``alert_options``); say on standard error what was sent and what failed."""
    context = click.get_current_context(silent=True)
    delivery = context.meta.get(ALERT_DELIVERY) if context else None
    if delivery is None:
        return
    report = delivery.flush()
    if report.sent or report.failed:
        line = f"{report.sent} alert(s) sent"
        if report.failed:
            line += (f"; {len({f[0] for f in report.failed})} not delivered ({report.failed[-1][2]}), "
                     "recorded: see `newsgraph alerts --failed`")
        click.echo(line, err=True)


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
@alert_options
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
    copies = f", {len(result.copies)} copies recorded" if result.copies else ""  # flow/copies.py
    versions = f", {len(result.revised)} new versions" if result.revised else ""
    line = (f"{len(result.added)} articles added, {len(result.unchanged)} already in the store, "
            f"{len(result.rejected)} rejected{copies}{versions}; {result.stories} stories in {settings.db}")
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
    copies = store.copies(story.article_ids)

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
        for c in copies.get(aid, []):  # the same text elsewhere (flow/copies.py): one source, listed
            ran = c.published_at.isoformat(sep=" ", timespec="minutes") if c.published_at else "undated"
            click.echo(f"    also in {c.outlet or c.source}, {ran}{' ' + c.url if c.url else ''}")
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
@click.option("--format", "fmt", type=click.Choice(["json", *TABLE_FORMATS]), default="json", show_default=True,
              help="json: one document (schema version 1); csv or parquet: a folder of tables that join by id.")
@click.option("--output", "-o", type=click.Path(), default="-", show_default=True,
              help="File to write ('-' for standard output); for csv and parquet, the folder of tables.")
def export(db: str | None, fmt: str, output: str) -> None:
    """Export every article, entity and story as JSON (schema version 1), or as CSV or Parquet tables."""
    data = export_store(Store(settings_from(db=db).db))
    if fmt in TABLE_FORMATS:
        if output == "-":
            raise click.UsageError(f"--format {fmt} writes a folder of tables: give it with --output FOLDER")
        counts = write_tables(data, output, fmt)
        click.echo(f"wrote {len(counts)} tables ({counts.get('articles', 0)} articles, "
                   f"{counts.get('stories', 0)} stories) to {output}", err=True)
        return
    if os.path.isdir(output):
        raise click.UsageError(f"{output} is a folder; --format json writes one file (or '-')")
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


@cli.command()
@DB_OPTION
@click.option("--since", default=None, metavar="ISO",
              help="Only alerts raised at or after this time (ISO 8601, e.g. 2026-02-01 or 2026-02-01T09:30Z; UTC "
                   "when no zone is given).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text for people; jsonl: one JSON object per alert.")
@click.option("--failed", is_flag=True, help="List the alert deliveries that failed (webhook, file) instead.")
def alerts(db: str | None, since: str | None, fmt: str, failed: bool) -> None:
    """List the alerts, oldest first.

    Responses that changed, new conflicts, new reports, new stories about watched companies and
    revisions, each with its story, party or subject, before and after, and its evidence."""
    from datetime import datetime

    from newsgraph.flow.alerts import alerts_json, list_alerts

    store = Store(settings_from(db=db).db)
    if failed:
        rows = store.alert_failures()
        for r in rows:
            click.echo(f"{r['at']}\t{r['alert_id']}\t{r['target']}\t{r['attempts']} tries\t{r['error']}")
        if not rows:
            click.echo("no failed alert deliveries", err=True)
        return
    try:
        start = datetime.fromisoformat(since.replace("Z", "+00:00")) if since else None
    except ValueError as exc:
        raise click.BadParameter(f"'{since}' is no ISO 8601 time; give one like 2026-02-01T09:30Z",
                                 param_hint="--since") from exc
    records = alerts_json(store, list_alerts(store, since=start))
    if not records:
        click.echo("no alerts" + (f" since {since}" if since else ""), err=True)
    for r in records:
        if fmt == "jsonl":
            click.echo(json.dumps(r, ensure_ascii=False))
            continue
        who = r["party"] or r["subject"] or ""
        click.echo(f"{r['created_at']}  {r['kind']:<16} {r['story_id'][:10]}  {who}: "
                   f"{r['before'] or '-'} -> {r['after'] or '-'}" + (f" ({r['change']})" if r["change"] else ""))
        click.echo(f"    {textwrap.shorten(r['about'], 200, placeholder=' …')}")
        if r["evidence"] and r["evidence"]["text"]:
            click.echo(f"    “{textwrap.shorten(r['evidence']['text'], 200, placeholder=' …')}”")


@cli.group()
def watchlist() -> None:
    """The companies whose new stories raise an alert (`newsgraph alerts`)."""


@watchlist.command("add")
@click.argument("name_or_ticker")
@DB_OPTION
def watchlist_add(name_or_ticker: str, db: str | None) -> None:
    """Watch a company by name, alias or ticker: each new story that names it raises an alert."""
    from newsgraph.flow.watchlist import watch

    added, found = watch(Store(settings_from(db=db).db), name_or_ticker)
    names = ", ".join(e.name for e in found) or "no company in this store yet; stories that name it later count"
    click.echo(f"{'watching' if added else 'already watching'} '{name_or_ticker}' ({names})")


@watchlist.command("remove")
@click.argument("name_or_ticker")
@DB_OPTION
def watchlist_remove(name_or_ticker: str, db: str | None) -> None:
    """Stop watching a company (give the name or ticker as it was added)."""
    from newsgraph.flow.watchlist import unwatch

    if not unwatch(Store(settings_from(db=db).db), name_or_ticker):
        raise click.ClickException(f"'{name_or_ticker}' is not watched; `newsgraph watchlist list` shows what is")
    click.echo(f"no longer watching '{name_or_ticker}'")


@watchlist.command("list")
@DB_OPTION
def watchlist_list(db: str | None) -> None:
    """List the watched names and tickers, each with the companies of the store it names."""
    from newsgraph.flow.watchlist import watching

    rows = watching(Store(settings_from(db=db).db))
    if not rows:
        click.echo("no company watched: `newsgraph watchlist add NAME_OR_TICKER`", err=True)
    for term, found in rows:
        click.echo(f"{term}\t{', '.join(e.name for e in found) or '(not in this store yet)'}")


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


TIMEOUT_OPTION = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
                              help="Seconds to wait for a whole page or feed (default 20).")
DELAY_OPTION = click.option("--delay", type=click.FloatRange(min=0), default=None,
                            help="Seconds between two requests to one host (default 1; robots.txt may ask more).")


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@DB_OPTION
@click.option("--max-bytes", type=int, default=None, help="Reject pages larger than this (default 10 MB).")
@TIMEOUT_OPTION
@DELAY_OPTION
@alert_options
def fetch(urls: tuple[str, ...], db: str | None, max_bytes: int | None, timeout: float | None,
          delay: float | None) -> None:
    """Fetch web pages (http:// or https://) and analyse them like files.

    A page's address becomes its article's source and URL. robots.txt is honoured; HTML, XHTML and
    plain text are read (a feed is refused: follow it with `newsgraph watch`). Exits 0 when every
    page was taken, 2 when some were rejected (see `newsgraph errors`).
    """
    from newsgraph.flow.fetch import fetch as run_fetch

    settings = settings_from(db=db, max_bytes=max_bytes, fetch_timeout=timeout, fetch_delay=delay)
    result = run_fetch(urls, settings)
    line = (f"{len(result.added)} articles added, {len(result.unchanged)} already in the store, "
            f"{len(result.rejected)} rejected; {result.stories} stories in {settings.db}")
    for rejection in result.rejected:
        click.echo(f"rejected {rejection.source}: {rejection.reason}", err=True)
    click.echo(line)
    sys.exit(0 if result.ok else 2)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--interval", type=click.FloatRange(min=1), default=300, show_default=True,
              help="Seconds between two polls.")
@click.option("--once", is_flag=True, help="Poll every source once and exit (2 if something was rejected).")
@DB_OPTION
@click.option("--max-bytes", type=int, default=None, help="Reject feeds, pages and files larger than this (default 10 MB).")
@TIMEOUT_OPTION
@DELAY_OPTION
@alert_options
def watch(sources: tuple[str, ...], interval: float, once: bool, db: str | None, max_bytes: int | None,
          timeout: float | None, delay: float | None) -> None:
    """Follow RSS/Atom feeds (http:// or https:// addresses) and folders, analysing what is new.

    Feeds are asked with conditional GET (an unchanged feed costs a 304); an item with enough words
    is analysed as it is, one with a short summary through the page it links to; items already
    stored are not fetched again. A folder's files are read when they appear or change. One line
    per poll; Ctrl+C stops.
    """
    from datetime import datetime, timezone

    from newsgraph.flow.watch import Watcher

    settings = settings_from(db=db, max_bytes=max_bytes, fetch_timeout=timeout, fetch_delay=delay)
    watcher = Watcher(sources, settings)
    polls = []

    def report(summary) -> None:
        polls.append(summary)
        when = datetime.now(timezone.utc).isoformat(timespec="seconds")
        note = " (see `newsgraph errors`)" if summary.rejected else ""
        click.echo(f"{when} poll {len(polls)}: {summary.line()}{note}")
        flush_alerts()  # each poll's alerts go out as the poll ends, not when watch stops

    try:
        watcher.run(interval, once, report)
    except KeyboardInterrupt:
        click.echo(f"stopped after {len(polls)} polls", err=True)
        return
    finally:
        watcher.close()
    sys.exit(2 if once and polls and polls[-1].rejected else 0)


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
