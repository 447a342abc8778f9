"""Accuracy of `kb ask` on a gold file (default ../shared/eval/qa.jsonl), by kind and language,
and the calibration table (confidence bucket -> share of answers right).

Rule from the eval README (bench/scorers.py): an answer is right when its text (answer plus listed units)
satisfies answer_any / answer_all AND the first citation contains the evidence (for doc "*",
any citation). Matching ignores whitespace and folds punctuation width.

    python bench/eval_qa.py [--gold FILE] [--corpus DIR] [--home KB] [--show-misses]
    python bench/eval_qa.py --mixed 60 [--home KB]   # every dev set in one KB with regulations
    python bench/eval_qa.py --mixed 60 --gold bench/gold/qa_own.jsonl [--half probe] [--home KB]
    python bench/eval_qa.py --twins [--mixed 60 | --gold FILE --corpus DIR] [--home KB]

--twins asks every English question of the dev sets and its Chinese twin (bench/gold/qa_twins.jsonl)
in the same KB and prints, per set, how many English answers are right, how many twins are right and
how many pairs agree (the same answer text and the same first citation), then every pair that
disagrees. With --mixed, all four sets in the mixed KB; else the set of --gold in its own KB. A FILE whose
lines hold their own question and gold beside the twin (bench/gold/qa_english_breadth.jsonl) is asked in
the mixed KB, one row per half (--half keeps one).

--mixed with a --gold FILE asks FILE's questions (about notices and regulations alike) in the mixed
KB instead of the dev sets, one row per half: the probe half is FILE's odd lines (1st, 3rd, …), the
held-out half its even lines (bench/gold/README.md). --half keeps one half (also without --mixed);
--show-misses lists the probe half's misses only, unless --half heldout asks for them.

--add PATH... puts more documents into the mixed KB (probe4's regulations and notices, bench/gold/README.md);
--lines A-B asks only lines A..B of --gold (1-based, both included), one row: all, regulations, notices,
English and the answers shown at confidence >= 0.9 that are right -- a blind batch's first-answer row.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evalkit import DEV_QA, EVAL_DIR, corpus_kb, eval_kb, eval_parser, mixed_corpus  # noqa: E402
from bench.scorers import answer_is_right, calibration, evaluate_answers, is_english, load_jsonl  # noqa: E402

DEFAULT_GOLD = EVAL_DIR / "qa.jsonl"
TWINS = ROOT / "bench" / "gold" / "qa_twins.jsonl"  # {id, set, twin}: each English question in Chinese
HALVES = ("probe", "heldout")  # a gold file's odd lines (1st, 3rd, …) and its even lines


def half(gold: list[dict], name: str | None) -> list[dict]:
    """The probe half (odd lines) or the held-out half (even lines) of a gold file; all of it for None."""
    return gold if name is None else gold[HALVES.index(name)::2]


def table(result: dict) -> str:
    lines = ["| questions | right | accuracy |", "|---|---:|---:|"]
    for group, (right, total) in sorted(result["counts"].items(), key=lambda i: (i[0] != "all", i[0])):
        lines.append(f"| {group} | {right}/{total} | {right / total:.3f} |")
    return "\n".join(lines)


def calibration_table(scored: list) -> str:
    """Answers given (not "未找到明确答案") by confidence, and the share of them that is right."""
    declined = sum(not found for _, _, found in scored)
    lines = ["| confidence | answers | right | share right |", "|---|---:|---:|---:|"]
    for bucket, total, right in calibration(scored):
        lines.append(f"| {bucket} | {total} | {right} | {right / total:.2f} |" if total else f"| {bucket} | 0 | 0 | — |")
    lines.append(f"| 未找到明确答案 | {declined} | — | — |")
    return "\n".join(lines)


def main() -> None:
    parser = eval_parser(__doc__, DEFAULT_GOLD)
    parser.add_argument("--mixed", type=int, metavar="N",
                        help="every dev set (qa, qa_more, qa_web, qa_laws) in one KB of all their documents "
                             "and N other regulations (with --home: that KB)")
    parser.add_argument("--half", choices=HALVES,
                        help="only the probe (odd lines) or held-out (even lines) half of --gold")
    parser.add_argument("--twins", nargs="?", const=TWINS, type=Path, metavar="FILE",
                        help="each English question against its Chinese twin (default bench/gold/qa_twins.jsonl)")
    parser.add_argument("--add", type=Path, nargs="+", default=[], metavar="PATH",
                        help="more documents (files or folders) for the --mixed KB")
    parser.add_argument("--lines", metavar="A-B", help="only lines A..B of --gold (1-based), one row by doc kind")
    args = parser.parse_args()
    if args.lines:
        batch(args)
        return
    if args.twins is not None:
        twins(args)
        return
    if args.mixed is not None:
        mixed(args)
        return
    with eval_kb(args) as kb:
        result = evaluate_answers(kb, half(load_jsonl(args.gold), args.half))
    print(table(result))
    print("\n" + calibration_table(result["scored"]))
    if args.show_misses:
        print("\nmisses:", *result["misses"], sep="\n  ")


def mixed(args) -> None:
    """Each dev set asked in one KB that holds them all and more regulations: a question
    about a notice must find it among regulations, and the other way round."""
    rows, scored = ["| set | right | accuracy | English | ≥ 0.9: right |", "|---|---:|---:|---:|---:|"], []
    if args.gold != DEFAULT_GOLD:  # one file of one's own, by half
        gold = load_jsonl(args.gold)
        sets = {f"{args.gold.stem} {name}": half(gold, name) for name in HALVES if args.half in (None, name)}
    else:
        sets = {name: load_jsonl(gold) for name, gold in DEV_QA.items()}
    with corpus_kb(mixed_corpus(args.mixed) + args.add, args.home) as kb:
        for name, items in sets.items():
            result = evaluate_answers(kb, items)
            right, total = result["counts"]["all"]
            en_right, en_total = result["counts"].get("english", (0, 0))
            sure = [ok for confidence, ok, found in result["scored"] if found and confidence >= 0.9]
            rows.append(f"| {name} | {right}/{total} | {right / total:.3f} | {en_right}/{en_total} "
                        f"| {sum(sure)}/{len(sure)} |")
            scored += result["scored"]
            if args.show_misses and (not name.endswith("heldout") or args.half == "heldout"):
                print(f"{name} misses:", *result["misses"], sep="\n  ")
    print("\n".join(rows))
    print("\nall sets\n" + calibration_table(scored))


def batch(args) -> None:
    """Lines A..B of --gold in the mixed KB (with --add) or --home: all, regulations (doc *.md),
    notices, English, and right / shown among the answers at confidence >= 0.9."""
    first, last = (int(n) for n in args.lines.split("-"))
    items = load_jsonl(args.gold)[first - 1:last]
    kb_ctx = corpus_kb(mixed_corpus(args.mixed or 0) + args.add, args.home) if args.mixed is not None or args.add \
        else eval_kb(args)
    groups: dict[str, list[int]] = {"all": [0, 0], "regulations": [0, 0], "notices": [0, 0], "English": [0, 0],
                                    ">= 0.9": [0, 0]}
    misses = []
    with kb_ctx as kb:
        for item in items:
            answer = kb.ask(item["question"])
            right = answer_is_right(item, answer)
            names = ["all", "regulations" if item["doc"].endswith(".md") else "notices"]
            names += ["English"] * is_english(item["question"]) + [">= 0.9"] * (answer.found and answer.confidence >= 0.9)
            for name in names:
                groups[name][0] += right
                groups[name][1] += 1
            if not right:
                misses.append(f"{item['id']} {item['question']} => {answer.answer[:80]} ({answer.confidence:.2f})")
    print(f"| lines {args.lines} | " + " | ".join(f"{n} {r}/{t}" for n, (r, t) in groups.items()) + " |")
    if args.show_misses:
        print("misses:", *misses, sep="\n  ")


def _key(answer) -> tuple:
    first = answer.citations[0] if answer.citations else None
    return answer.answer, (first.doc_file, first.text) if first else None


def twins(args) -> None:
    """English against Chinese, question by question: the twin asks the same thing, so a pair
    that disagrees shows what the English reading lost."""
    pairs = load_jsonl(args.twins)
    if "question" in pairs[0]:  # a file of its own pairs (question, twin and gold in one line), by half
        sets = {f"{args.twins.stem} {name}": half(pairs, name) for name in HALVES if args.half in (None, name)}
        kb_ctx = corpus_kb(mixed_corpus(args.mixed or 0) + args.add, args.home)
    elif args.mixed is not None:
        sets = {name: [p for p in pairs if p["set"] == name] for name in DEV_QA}
        kb_ctx = corpus_kb(mixed_corpus(args.mixed), args.home)
    else:
        name = next((n for n, gold in DEV_QA.items() if gold.name == args.gold.name), args.gold.stem)
        sets, kb_ctx = {name: [p for p in pairs if p["set"] == name]}, eval_kb(args)
    rows = ["| set | English right | twins right | pairs agree |", "|---|---:|---:|---:|"]
    disagree = []
    with kb_ctx as kb:
        for name, set_pairs in sets.items():
            gold = DEV_QA.get(name, args.gold)
            items = {p["id"]: p for p in set_pairs} if "question" in pairs[0] else \
                {item["id"]: item for item in load_jsonl(gold)}
            en_right = zh_right = agree = total = 0
            for pair in set_pairs:
                item = items[pair["id"]]
                english, chinese = kb.ask(item["question"]), kb.ask(pair["twin"])
                ok_en, ok_zh = answer_is_right(item, english), answer_is_right(item, chinese)
                same = _key(english) == _key(chinese)
                total, en_right, zh_right, agree = total + 1, en_right + ok_en, zh_right + ok_zh, agree + same
                if not same or ok_en != ok_zh:
                    disagree.append(f"{name} {pair['id']} en {'right' if ok_en else 'wrong'}, "
                                    f"zh {'right' if ok_zh else 'wrong'}{'' if same else ', differ'}\n"
                                    f"    {item['question']} => {english.answer[:70]}\n"
                                    f"    {pair['twin']} => {chinese.answer[:70]}")
            rows.append(f"| {name} | {en_right}/{total} | {zh_right}/{total} | {agree}/{total} |")
    print("\n".join(rows))
    print("\npairs that disagree:", *disagree, sep="\n  ")


if __name__ == "__main__":
    main()
