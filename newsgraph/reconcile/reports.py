"""A story's reports: who broke its claim and on whose word, one report per outlet.

The articles' reports are grouped by outlet, whatever the spelling ('Pando Daily' = 'PandoDaily',
'Bloomberg News' = 'Bloomberg', 'the Post' = 'The Washington Post' where the story names one such
Post, 'the New York Post's Page Six' = 'New York Post'). An outlet that the story's articles only
repeat beside the one that broke the claim ('X, which broke the story', 'first reported by X', or the
outlet most of the articles point back to) is not a source of its own: its confidence drops below
the report threshold."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from newsgraph import lexicon
from newsgraph.model import ACTOR_TYPES, Analysis, Entity, EntityType, Report, Response
from newsgraph.nlp.attribution.publishers import LEADING_THE, POSSESSIVE_TAIL, TRAILING_POSSESSIVE, outlet_key
from newsgraph.nlp.attribution.reports import ORIGIN
from newsgraph.reconcile.abstain import confident

NAME_TAILS = lexicon.phrases("reports.outlet_name_tails")
REPEATED = 0.55  # an outlet the story's articles only repeat: below any sensible report threshold
SUPPORT_BONUS = 0.05  # each further article that points to the same outlet


def story_reports(parts: list[Analysis], responses: list[Response], entity_keys: tuple[str, ...],
                  entities: dict[str, Entity]) -> list[Report]:
    """The reports of the story's claim, one per outlet (the earliest, or the first that says on
    whose word), each with a confidence from its own pattern, how many articles point to it and
    whether another outlet broke the claim; only those at or above the report threshold, the surest
    first."""
    chosen = _about_the_claim(parts, responses, entity_keys, entities)
    groups = group_by_outlet(chosen)
    support = {g: len({r.evidence.article_id for r in reps}) for g, reps in groups.items()}
    origin = {g for g, reps in groups.items() if max(r.confidence for r in reps) >= ORIGIN}
    out = []
    for g, reps in groups.items():
        best = reps[0]
        for rep in reps[1:]:
            if rep.citing and not best.citing and rep.evidence.article_id == best.evidence.article_id:
                best = rep
        conf = min(1.0, max(r.confidence for r in reps) + SUPPORT_BONUS * (support[g] - 1))
        if _repeated(g, support, origin) and not any(_firm(r, entities) for r in reps):
            conf *= REPEATED
        out.append(replace(best, reported_by=display_name([r.reported_by for r in reps]), confidence=round(conf, 3)))
    # the surest first: the report a title or summary names
    return sorted(confident(out, "report"), key=lambda r: -r.confidence)


def _firm(rep: Report, entities: dict[str, Entity]) -> bool:
    """A company's own research (a broker's note), which repeats nobody's scoop."""
    entity = entities.get(rep.reported_by_key or "")
    return entity is not None and entity.type == EntityType.COMPANY


def _repeated(g: str, support: dict[str, int], origin: set[str]) -> bool:
    """Another outlet broke the claim and this one does not say it did, or most of the articles point
    to another outlet (three or more articles, at least twice and one more than this one's)."""
    if origin and g not in origin and support[g] <= max(support[o] for o in origin):
        return True
    return any(o != g and n >= 3 and n >= 2 * support[g] + 1 for o, n in support.items())


def _about_the_claim(parts: list[Analysis], responses: list[Response], entity_keys: tuple[str, ...],
                     entities: dict[str, Entity]) -> list[Report]:
    """The reports whose sentence names a party the story is about (a responding party, or one of its
    two most-named companies), or that says it broke the story, else, where no sentence does ('the newspaper reported that the miner
    would ...'), the named reporters; an outlet's own unnamed-source account only where nobody is
    named. In the articles' order."""
    companies = [k for k in entity_keys if entities[k].type in ACTOR_TYPES][:2]
    central = {r.party_key for r in responses} | set(companies)
    parties = {r.party_key for r in responses} | set(companies[:1])
    explicit = any(not r.implicit for p in parts for r in confident(p.reports, "report"))
    for lenient in (False, True):  # then, if no report names a central party, any named reporter
        out: list[Report] = []
        for p in parts:
            for rep in confident(p.reports, "report"):
                named = {m.entity_key for m in p.mentions
                         if rep.evidence.start <= m.evidence.start < rep.evidence.end}
                if rep.reported_by_key in parties:
                    continue  # a party of the story reporting its own news ('Acme reported that')
                origin = rep.confidence >= ORIGIN  # 'X, which broke the story': the story's own claim
                if not origin and not named & central and not (lenient and not rep.implicit):
                    continue
                if rep.implicit and (explicit or out):
                    continue
                out.append(rep)
        if out:
            return out
    return []


def _tail_free(key: str) -> str:
    """The key without a generic last word that the same outlet is also named without ('Bloomberg
    News' = 'Bloomberg')."""
    for tail in NAME_TAILS:
        if key.endswith(tail) and len(key) > len(tail) + 2:
            return key[:-len(tail)]
    return key


def group_by_outlet(reports: list[Report]) -> dict[str, list[Report]]:
    """The reports by outlet, in order: one group per squashed name without its generic tail; a
    one-word name that ends exactly one other outlet's name ('the Post', 'the Mirror') joins it."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for rep in reports:
        groups[_tail_free(outlet_key(rep.reported_by))].append(rep)
    for g in list(groups):
        words = _words(groups[g][0].reported_by)
        if len(words) != 1:
            continue
        longer = [o for o in groups if o != g and any(
            len(_words(r.reported_by)) > 1 and _words(r.reported_by)[-1] == words[0] for r in groups[o])]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(g))
            groups[longer[0]].sort(key=lambda r: reports.index(r))
    return dict(groups)


def _words(name: str) -> list[str]:
    return LEADING_THE.sub("", TRAILING_POSSESSIVE.sub("", POSSESSIVE_TAIL.sub("", name.strip()))).lower().split()


def display_name(names: list[str]) -> str:
    """The fullest way the articles write the outlet, without a possessive tail or a leading 'The'
    that another writing lacks."""
    cleaned = [POSSESSIVE_TAIL.sub("", n.strip()).strip() or n for n in names]
    plain = [n for n in cleaned if not TRAILING_POSSESSIVE.search(n)] or cleaned
    return max(plain, key=lambda n: (len(LEADING_THE.sub("", n)), n.lower().startswith("the ")))
