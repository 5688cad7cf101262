"""CLI: ``similar ID`` (other coverage), ``compare ID ID`` (comparison data), ``stories``."""
from __future__ import annotations

import sys

from .common import add_actions, add_command, print_json
from .helptext import ARTICLE_ID_HELP, STORY_ID_HELP


def register(sub) -> None:
    p = add_command(sub, "similar", cmd_similar, "other coverage of an article's event, best first",
                    description="Other coverage of an article's event, best first: the score, whether "
                                "it is a syndicated copy or the same story, outlet, date and title.",
                    example="mediawatch similar 3f9c2a1b7d0e4c55")
    p.add_argument("id", metavar="ID", help=ARTICLE_ID_HELP)
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most this many articles")
    p = add_command(sub, "compare", cmd_compare,
                    "compare two articles: aligned sentences, quotes, numbers, persons",
                    description="Compare two articles side by side: sentences both tell (verbatim or "
                                "paraphrased), quotes in both or one, numbers that differ, persons only "
                                "one names. Two ids of one story come from `mediawatch stories` or "
                                "`mediawatch similar ID`.",
                    example="mediawatch compare 3f9c2a1b7d0e4c55 9e4e0079b552e6d1 --html briefing.html")
    p.add_argument("ids", nargs=2, metavar="ID", help=ARTICLE_ID_HELP)
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML briefing")
    p = add_command(sub, "stories", cmd_stories, "every story (articles about the same event)",
                    description="Every story: articles of different outlets about the same event, "
                                "grouped at import; each with its story id, outlets, dates and its "
                                "articles' ids (for `show` and `compare`).",
                    example=["mediawatch stories --min-size 3", "mediawatch stories --lineage --json"])
    p.add_argument("--min-size", type=int, default=1, metavar="N",
                   help="only stories with at least N articles")
    p.add_argument("--lineage", action="store_true",
                   help="with each copy group: the earliest publication and what each copy added or cut")
    _register_corrections(p)


def _register_corrections(p) -> None:
    """The analyst's corrections: kept in the library, through new imports and regrouping."""
    acts = add_actions(p, "stories_cmd", "list the stories")
    a = add_command(acts, "split", cmd_split, "move articles of a story into a story of their own",
                    description="Split a story: the articles named leave it for a new story; the "
                                "two stay apart from now on, also when new articles arrive.",
                    example="mediawatch stories split 12 3f9c2a1b7d0e4c55 9e4e0079b552e6d1")
    a.add_argument("story", type=int, metavar="STORY_ID", help=STORY_ID_HELP)
    a.add_argument("ids", nargs="+", metavar="ID", help=ARTICLE_ID_HELP)
    a = add_command(acts, "merge", cmd_merge, "make one story of two or more",
                    description="Merge stories: their articles form one story (the oldest id) "
                                "and stay together from now on.",
                    example="mediawatch stories merge 12 15")
    a.add_argument("stories", nargs="+", type=int, metavar="STORY_ID", help=STORY_ID_HELP)
    a = add_command(acts, "move-out", cmd_move_out, "take one article out of its story",
                    description="Move an article out of its story into a story of its own; it "
                                "does not go back there when the library is grouped again.",
                    example="mediawatch stories move-out 3f9c2a1b7d0e4c55")
    a.add_argument("id", metavar="ID", help=ARTICLE_ID_HELP)
    add_command(acts, "corrections", cmd_corrections, "the corrections made so far, oldest first",
                example="mediawatch stories corrections --json")
    add_command(acts, "regroup", cmd_regroup,
                "group every article again from scratch (corrections are kept)",
                example="mediawatch stories regroup")


def _correct(args, open_library, fn, done) -> int:
    from ..stories import service
    with open_library(create=False) as library:
        service.backfill(library)
        story_id = fn(service, library)      # CorrectionError: a LibraryError, said as it is
        story = service.story_by_id(library, story_id)
    if args.json:
        print_json(story.to_json() if story else {})
    else:
        print(f"{done} story {story_id}: {len(story.articles) if story else 0} article(s)")
    return 0


def cmd_split(args, open_library) -> int:
    return _correct(args, open_library, lambda service, lib: service.split_story(
        lib, args.story, args.ids), "split off as")


def cmd_merge(args, open_library) -> int:
    return _correct(args, open_library, lambda service, lib: service.merge_stories(
        lib, args.stories), "merged into")


def cmd_move_out(args, open_library) -> int:
    return _correct(args, open_library, lambda service, lib: service.move_out(lib, args.id),
                    "moved out to")


def cmd_corrections(args, open_library) -> int:
    from ..stories import service
    with open_library(create=False) as library:
        items = service.correction_history(library)
    if args.json:
        print_json([c.to_json() for c in items])
        return 0
    if not items:
        print("mediawatch stories corrections: no corrections yet (`stories split`, `merge`, "
              "`move-out`)", file=sys.stderr)
    for c in items:
        print(f"{c.at}  {c.action:8s}  story {c.story}: {', '.join(c.articles)}")
    return 0


def cmd_regroup(args, open_library) -> int:
    from ..stories import service
    with open_library(create=False) as library:
        n = service.regroup(library)
        count = len(service.stories(library))
    if args.json:
        print_json({"articles": n, "stories": count})
    else:
        print(f"grouped {n} article(s) again: {count} stories")
    return 0


def cmd_similar(args, open_library) -> int:
    from ..stories import service
    with open_library(create=False) as library:
        if library.get(args.id) is None:
            print(f"mediawatch: no article with id {args.id}", file=sys.stderr)
            return 1
        service.backfill(library)
        items = service.similar(library, args.id, limit=args.limit)
    if args.json:
        print_json([c.to_json() for c in items])
        return 0
    if not items:
        print(f"mediawatch similar: no other coverage of {args.id} in the library yet "
              "(import articles of the same event from other outlets)", file=sys.stderr)
    for c in items:
        flag = " [copy]" if c.copy else (" [story]" if c.same_story else "")
        print(f"{c.score:.2f}  {c.id}  {c.published or '----------'}  {c.outlet or '?'}: "
              f"{c.title or ''}{flag}")
    return 0


def cmd_compare(args, open_library) -> int:
    from ..stories import service
    from ..stories.briefing import write_briefing
    with open_library(create=False) as library:
        try:
            arts = service.articles(library, list(args.ids))
        except KeyError as e:
            print(f"mediawatch: no article with id {e.args[0]}", file=sys.stderr)
            return 1
        from ..stories.compare import compare
        cmp = compare(*arts)
        if args.html:
            write_briefing(args.html, arts)
    if args.json:
        print_json(cmp.to_json())
        return 0
    _print_comparison(cmp)
    return 0


def _print_comparison(c) -> None:
    for side, label in ((c.a, "A"), (c.b, "B")):
        print(f"{label}: {side.outlet or '?'}  {side.published or 'no date'}  {side.title}")
    n_verb = sum(1 for p in c.aligned if p.kind == "verbatim")
    print(f"shared sentences: {len(c.aligned)} ({n_verb} verbatim); only A: {len(c.only_a)}; "
          f"only B: {len(c.only_b)}")
    print(f"quotes in both: {len(c.quotes_both)}; only A: {len(c.quotes_only_a)}; "
          f"only B: {len(c.quotes_only_b)}")
    for d in c.numbers_differ:
        print(f"numbers differ ({d.unit}): A {', '.join(d.a)} / B {', '.join(d.b)}")
    if c.persons_only_a or c.persons_only_b:
        print(f"persons only in A: {', '.join(c.persons_only_a) or '-'}; "
              f"only in B: {', '.join(c.persons_only_b) or '-'}")


def cmd_stories(args, open_library) -> int:
    from ..stories import service
    with open_library(create=False) as library:
        service.backfill(library)
        every = service.stories(library)
        total = len(every)
        items = [s for s in every if len(s.articles) >= args.min_size]
        lineages = {s.id: service.lineages(library, s) for s in items if args.lineage and s.copies}
    if args.json:
        out = []
        for s in items:
            d = s.to_json()
            if args.lineage:
                d["lineage"] = [lin.to_json() for lin in lineages.get(s.id, [])]
            out.append(d)
        print_json(out)
        return 0
    if not items:
        print(f"mediawatch stories: {_no_stories(total, args.min_size)}", file=sys.stderr)
    for s in items:
        span = s.first if s.first == s.last else f"{s.first or '?'} .. {s.last or '?'}"
        print(f"story {s.id}: {len(s.articles)} article(s), {len(s.outlets)} outlet(s), {span or 'no date'}"
              + (f", {sum(len(g) - 1 for g in s.copies)} copies" if s.copies else "")
              + (" (corrected)" if s.corrected else ""))
        for a in s.articles:
            print(f"    {a.id}  {a.published or '----------'}  {a.outlet or '?'}: {a.title or ''}")
        for lin in lineages.get(s.id, []):
            print(f"    copies: first {lin.lead.id} ({lin.lead.outlet or '?'}, {lin.lead.published or 'no date'})")
            for c in lin.copies:
                print(f"      then {c.id} ({c.outlet or '?'}, {c.published or 'no date'}): "
                      f"+{len(c.added)} / -{len(c.cut)} sentences, {c.changed} reworded")
    if items and all(len(s.articles) < 2 for s in items):
        print("mediawatch stories: every story has one article so far: import articles of the same "
              "event from two outlets to see them grouped", file=sys.stderr)
    return 0


def _no_stories(total: int, min_size: int) -> str:
    if total:
        return f"no stories of {min_size} or more articles ({total} smaller {'story' if total == 1 else 'stories'})"
    return "no stories yet: import articles of the same event from two outlets"
