"""Mutant schemata for scripts/mutate.py: the text of a header in which each sampled site behaves
as the original unless the environment variable NULLITY_MUTANT holds its id (the helpers it calls
are in nullity_mutation.hpp, next to this file). A site is a tuple of mutate.py's sites():
(path, line, start column, end column, operator name, replacement, the text matched)."""
import re

# The rewrite stays on the site's line, so compiler messages keep their line numbers. A marker
# @id@ is first put at each site of a line (right to left, so columns stay valid); then markers
# are expanded left to right, each on the text as the expansions before it left it, so sites
# nested in one another (a leftCols inside a transposed operand, a comparison inside an &&)
# compose.
NS = "::nullity_mutation::"
MARK = re.compile(r"@(\d+)@")
RELATIONS = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne"}
MUTANT_OF = {"min(": "max(", "max(": "min(", "leftCols(": "left_cols", "rightCols(": "right_cols",
             "topRows(": "top_rows"}


class NotApplicable(Exception):
    pass


def string_spans(text):
    """[start, end) of each string or character literal."""
    return [m.span() for m in re.finditer(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])\'', text)]


def matching(text, i, step):
    """Index of the bracket matching text[i] (step +1: an opener, -1: a closer)."""
    pairs = {"(": ")", "[": "]", "{": "}", "<": ">"}
    opener, closer = (text[i], pairs[text[i]]) if step > 0 else (
        next(o for o, c in pairs.items() if c == text[i]), text[i])
    depth = 0
    while 0 <= i < len(text):
        depth += text[i] == opener
        depth -= text[i] == closer
        if depth == 0:
            return i
        i += step
    raise NotApplicable("unbalanced brackets on the line")


def receiver_start(text, end):
    """Start of the postfix expression ending at end (x, a.b(c)[d], std::f<T>(x).g())."""
    i = end
    while i > 0:
        c = text[i - 1]
        if c in ")]" or (c == ">" and text[i - 2] != "-"):
            i = matching(text, i - 1, -1)
        elif c.isalnum() or c == "_":
            while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
                i -= 1
        elif text[i - 2:i] in ("::", "->"):
            i -= 2
        elif c == ".":
            i -= 1
        else:
            break
    if i == end:
        raise NotApplicable("no receiver")
    return i


def call_end(text, open_paren):
    return matching(text, open_paren, +1) + 1


def operand_extent(text, op_start, op_end, op):
    """The operands of the && or || at [op_start, op_end): C++ precedence, on this line only."""
    def stops(i, left):
        c, two = text[i], text[i:i + 2]
        if c in "?;,":
            return True
        if c == ":" and two != "::" and text[i - 1:i + 1] != "::":
            return True
        if c == "=" and text[i - 1] not in "=!<>" and text[i + 1:i + 2] != "=":
            return True
        if op == "&&" and (two == "||" or text[i - 1:i + 1] == "||"):
            return True
        return not left and two in ("&&", "||")  # to the right, the next && or || ends it
    depth, i = 0, op_start
    while True:
        if i == 0:
            raise NotApplicable("the expression starts on an earlier line")
        c = text[i - 1]
        if c in ")]}":
            depth += 1
        elif c in "([{":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (stops(i - 1, True) or re.search(r"\breturn$", text[:i])):
            break
        i -= 1
    depth, j = 0, op_end
    while True:
        if j == len(text):
            raise NotApplicable("the expression goes on on the next line")
        c = text[j]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and stops(j, False):
            break
        j += 1
    return i, j


def expand(text, m, site):
    """The text with the marker m (of site) replaced by the site's schema."""
    i, after = m.start(), m.end()
    sid = m.group(1)
    on = f"{NS}on({sid})"
    name, repl = site[4], site[5]
    token = site[6]
    for s, e in string_spans(text):
        if s < i < e:  # a site inside a string literal: choose between the two literals
            lit = text[s:i] + text[after:e]
            off = i - s
            mutant = lit[:off] + repl + lit[off + len(token):]
            return text[:s] + f"({on} ? {mutant} : {lit})" + text[e:]
    if token in RELATIONS:
        return text[:i] + f"{token} {NS}{RELATIONS[token]}<{sid}>{{}} {token}" + text[after + len(token):]
    if token in ("+ 1", "- 1"):
        return text[:i] + f"{token[0]} {NS}one<{sid}>()" + text[after + len(token):]
    if token in ("&&", "||"):  # the marker follows the operator
        start, end = operand_extent(text, i - 2, after, token)
        left, right = text[start:i - 2].strip(), text[after:end].strip()
        other = "||" if token == "&&" else "&&"
        return (text[:start] + f"({on} ? ({left}) {other} ({right}) : ({left}) {token} ({right}))" + text[end:])
    if token in ("min(", "max(", "abs("):
        q = re.search(r"(?:\w+(?:<[\w:, ]*>)?::)*$", text[:i])
        open_paren = after + len(token) - 1
        end = call_end(text, open_paren)
        args, qual = text[open_paren + 1:end - 1], q.group(0)
        mutant = f"({args})" if token == "abs(" else f"{qual}{MUTANT_OF[token]}{args})"
        return text[:q.start()] + f"({on} ? {mutant} : {qual}{token}{args}))" + text[end:]
    if token in ("leftCols(", "rightCols(", "topRows(", ".transpose()"):
        dot = i if token == ".transpose()" else i - 1
        if text[dot] != "." and token != ".transpose()":
            raise NotApplicable("not a member call")
        start = receiver_start(text, dot)
        receiver = text[start:dot]
        if token == ".transpose()":
            return text[:start] + f"{NS}transpose<{sid}>({receiver})" + text[after + len(token):]
        open_paren = after + len(token) - 1
        end = call_end(text, open_paren)
        return (text[:start] + f"{NS}{MUTANT_OF[token]}<{sid}>({receiver}, {text[open_paren + 1:end - 1]})"
                + text[end:])
    raise NotApplicable(f"no schema for {name}")


def schema_text(text, chosen_sites):
    """The header text with each (id, site) of chosen_sites schema'd; also {id: why} for the
    sites that cannot be (the line is left as it was for them)."""
    lines = text.split("\n")
    not_applicable = {}
    by_line = {}
    for sid, site in chosen_sites:
        by_line.setdefault(site[1], []).append((sid, site))
    for ln, group in by_line.items():
        line = lines[ln]
        code, comment = line, ""
        spans = string_spans(line)
        k = next((k for k in (m.start() for m in re.finditer("//", line))
                  if not any(s < k < e for s, e in spans)), None)
        if k is not None:
            code, comment = line[:k], line[k:]
        while group:
            marked = code
            for sid, site in sorted(group, key=lambda g: -g[1][2]):
                at = site[3] if site[6] in ("&&", "||") else site[2]
                marked = marked[:at] + f"@{sid}@" + marked[at:]
            sites_by_id = {str(sid): site for sid, site in group}
            try:
                while (m := MARK.search(marked)):
                    marked = expand(marked, m, sites_by_id[m.group(1)])
                break
            except (NotApplicable, KeyError, IndexError, StopIteration, AttributeError) as e:
                # Drop the site whose marker failed and schema the rest of the line again.
                bad = int(m.group(1))
                not_applicable[bad] = str(e) or type(e).__name__
                group = [g for g in group if g[0] != bad]
        else:
            marked = code
        lines[ln] = marked + comment
    return "\n".join(lines), not_applicable
