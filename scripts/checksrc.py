#!/usr/bin/env python3
"""checksrc: the C sources' house rules, in the spirit of curl's checksrc.

Checks the .c and .h files under src/ and include/ and prints one line per
violation, "path:line: rule: message" (paths relative to the root), then a
summary line.  Exit 0 when clean, 1 with violations, 2 on a usage error.

Rules (names for --rule; each limit and list is set below):
  file-size        no .c/.h under src/ or include/ over MAX_FILE_LINES lines
  function-size    no function body in src/ over MAX_FUNCTION_LINES lines,
                   counted from the line of its opening brace to the line of
                   its closing brace, both included
  prefix-function  a function declared in include/eventmap/NAME.h is named
                   em_NAME_* or em_T_* where em_T is a type declared in that
                   same header (export.h and common.h are exempt)
  prefix-type      typedef names and struct/union/enum tags declared in
                   public headers start with em_
  prefix-macro     macros defined in public headers start with EM_ (the
                   include guard, matching INCLUDE_GUARD, excepted)
  third-party      public headers include no GDAL/OGR/CPL/PROJ/Cairo/Pango/
                   GLib/json-c header and name none of their identifiers
  internal-symbol  a non-static function defined in src/ outside src/cli/ is
                   declared in a public header or named em__*; a non-static
                   function defined in src/cli/ is named cli_* (main excepted)
  export-macro     every function declaration in a public header other than
                   a static (inline) one carries EM_EXTERN (export.h); off
                   with --no-export-macro or REQUIRE_EXPORT_MACRO = False
  trailing-space   no whitespace at the end of a line
  indent-mix       indentation is tabs, then at most 7 spaces of alignment:
                   no space before a tab, no run of 8 spaces
  line-length      no line over MAX_LINE_COLUMNS columns (tabs to 8)
Groups for --rule: "prefix" (the three prefix rules), "hygiene" (the last three).

The parser is lightweight: comments and string/char literal contents are
blanked, preprocessor lines are set aside (an #if 0 block is skipped), and
the rest is split at top-level ';' and balanced braces into declarations and
function definitions.  It understands static functions, multi-line
signatures, __attribute__((...)), functions returning function pointers and
extern "C" blocks; it does not expand macros.

Usage:
  checksrc.py [--root DIR] [--summary] [--rule NAME]... [--no-export-macro]
  checksrc.py --list-functions N     functions in src/ over N lines, longest first
  checksrc.py --selftest             run the rules on tests/checksrc/ fixtures
"""
import argparse
import bisect
import os
import re
import sys
import unicodedata

# ---- configuration ------------------------------------------------------------
SOURCE_DIRS = ("src", "include")        # scanned for .c/.h files (recursively)
SOURCE_SUFFIXES = (".c", ".h")
MAX_FILE_LINES = 800                    # file-size
MAX_FUNCTION_LINES = 60                 # function-size: brace line to brace line
FUNCTION_SIZE_DIRS = ("src",)           # function-size applies here
MAX_LINE_COLUMNS = 110                  # line-length (today: 3 lines over 110, 23 over 105,
TAB_WIDTH = 8                           #   159 over 100)
PUBLIC_HEADER_DIR = "include/eventmap"  # public headers: PUBLIC_HEADER_DIR/*.h
PUBLIC_PREFIX = "em_"                   # functions, typedefs and tags
PUBLIC_MACRO_PREFIX = "EM_"
INCLUDE_GUARD = r"EVENTMAP_[A-Z0-9_]+_H"  # a header's include guard may be named so
PREFIX_EXEMPT_HEADERS = ("export.h", "common.h")  # macros only: no prefix-function check
LIBRARY_DIR = "src"
INTERNAL_PREFIX = "em__"                # library functions shared between files
CLI_DIR = "src/cli"
CLI_PREFIX = "cli_"
CLI_EXEMPT = ("main",)
REQUIRE_EXPORT_MACRO = True             # export-macro rule on by default
EXPORT_MACRO = "EM_EXTERN"
EXPORT_HEADER = "export.h"              # in PUBLIC_HEADER_DIR; defines EXPORT_MACRO
# third-party: #include names (matched against the name between <> or "")
THIRD_PARTY_INCLUDES = (
    r"gdal[\w.]*", r"ogr[\w.]*", r"cpl_[\w.]*", r"gdal/.*",
    r"proj\.h", r"proj_[\w.]*", r"proj/.*", r"proj_api\.h",
    r"cairo[\w.-]*", r"cairo/.*",
    r"pango[\w.-]*", r"pango/.*",
    r"glib[\w.-]*", r"glib/.*", r"gio/.*", r"gobject/.*", r"glib-object\.h",
    r"json-c/.*", r"json\.h", r"json_object\.h", r"json_c[\w.]*",
)
# third-party: identifiers in the code of public headers (comments and strings ignored)
THIRD_PARTY_IDENTIFIERS = (
    r"OGR\w*", r"GDAL\w*", r"CPL\w*", r"PJ", r"PJ_\w*",
    r"cairo_\w*", r"CAIRO_\w*", r"Pango\w*", r"pango_\w*", r"PANGO_\w*",
    r"json_object\w*", r"json_tokener\w*",
    r"GKeyFile", r"GError", r"gboolean", r"gchar", r"gint", r"gpointer",
)
# ---------------------------------------------------------------------------------

RULES = ("file-size", "function-size", "prefix-function", "prefix-type", "prefix-macro",
         "third-party", "internal-symbol", "export-macro",
         "trailing-space", "indent-mix", "line-length")
GROUPS = {"prefix": ("prefix-function", "prefix-type", "prefix-macro"),
          "hygiene": ("trailing-space", "indent-mix", "line-length")}

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ROOT = os.path.dirname(HERE)
SELFTEST_DIR = os.path.join(DEFAULT_ROOT, "tests", "checksrc")
# The fixtures are tiny: the selftest runs with these limits instead.
SELFTEST_LIMITS = {"MAX_FILE_LINES": 100, "MAX_FUNCTION_LINES": 10}


class Config:
    def __init__(self, **overrides):
        for key in ("SOURCE_DIRS", "SOURCE_SUFFIXES", "MAX_FILE_LINES", "MAX_FUNCTION_LINES",
                    "FUNCTION_SIZE_DIRS", "MAX_LINE_COLUMNS", "TAB_WIDTH", "PUBLIC_HEADER_DIR",
                    "PUBLIC_PREFIX", "PUBLIC_MACRO_PREFIX", "INCLUDE_GUARD",
                    "PREFIX_EXEMPT_HEADERS", "LIBRARY_DIR", "INTERNAL_PREFIX", "CLI_DIR",
                    "CLI_PREFIX", "CLI_EXEMPT", "REQUIRE_EXPORT_MACRO", "EXPORT_MACRO",
                    "EXPORT_HEADER", "THIRD_PARTY_INCLUDES", "THIRD_PARTY_IDENTIFIERS"):
            setattr(self, key, overrides.pop(key, globals()[key]))
        if overrides:
            raise KeyError(", ".join(overrides))
        self.include_re = re.compile("|".join("(?:%s)" % p for p in self.THIRD_PARTY_INCLUDES))
        self.ident_re = re.compile(r"\b(?:%s)\b" % "|".join(self.THIRD_PARTY_IDENTIFIERS))
        self.guard_re = re.compile(self.INCLUDE_GUARD)


# ---- lexing ----------------------------------------------------------------------
LEXEME = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.S)
NOT_NEWLINE = re.compile(r"[^\n]")
DIRECTIVE = re.compile(r"\s*#\s*(\w*)(.*)", re.S)


def blank(text):
    return NOT_NEWLINE.sub(" ", text)


def strip_source(text):
    """(code, directives): code has comments, literal contents and
    preprocessor lines blanked, newlines kept; directives are
    (line, keyword, rest) with comments removed and literals kept."""
    def no_comment(m):
        s = m.group()
        return blank(s) if s[0] == "/" else s

    def no_literal(m):
        s = m.group()
        return blank(s) if s[0] == "/" else s[0] + blank(s[1:-1]) + s[-1]

    kept = LEXEME.sub(no_comment, text).split("\n")
    code = LEXEME.sub(no_literal, text).split("\n")
    directives = []
    skip = 0            # depth inside an #if 0 block
    i = 0
    while i < len(code):
        if code[i].lstrip().startswith("#"):
            first = i
            joined = kept[i]
            while code[i].endswith("\\") and i + 1 < len(code):
                code[i] = ""
                i += 1
                joined = joined[:-1] + " " + kept[i]
            code[i] = ""
            m = DIRECTIVE.match(joined)
            keyword, rest = m.group(1), m.group(2).strip()
            if skip:
                if keyword in ("if", "ifdef", "ifndef"):
                    skip += 1
                elif keyword == "endif":
                    skip -= 1
                elif keyword in ("else", "elif") and skip == 1:
                    skip = 0
            elif keyword == "if" and rest == "0":
                skip = 1
            else:
                directives.append((first + 1, keyword, rest))
        elif skip:
            code[i] = ""
        i += 1
    return "\n".join(code), directives


# ---- declarations ------------------------------------------------------------------
KEYWORDS = frozenset("""auto break case char const continue default do double else enum extern
float for goto if inline int long register restrict return short signed sizeof static struct
switch typedef union unsigned void volatile while _Alignas _Alignof _Atomic _Bool _Complex
_Generic _Imaginary _Noreturn _Static_assert _Thread_local static_assert alignas alignof typeof
__typeof__ __attribute__ __declspec __asm__ __asm asm __extension__ __inline __inline__
__restrict __restrict__ __volatile__ __thread""".split())
ATTRIBUTE = re.compile(r"\b(?:__attribute__|__declspec|__asm__|__asm|asm|_Alignas|alignas)\s*\(")
CALLISH = re.compile(r"\b([A-Za-z_]\w*)\s*\((\s*\*)?")
MACRO_NAME = re.compile(r"[A-Z][A-Z0-9_]*$")
TRAILING_MACROS = re.compile(r"(?:\s*\b[A-Z][A-Z0-9_]*\b(?:\s*\([^()]*\))?)+\s*$")
IDENT = re.compile(r"\b[A-Za-z_]\w*\b")
TAG = re.compile(r"\b(struct|union|enum)\s+([A-Za-z_]\w*)")


def close_paren(text, i):
    """Index just past the parenthesis group opening at text[i] == '('."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


def strip_attributes(text):
    """__attribute__((...)) and the like blanked (offsets kept)."""
    while True:
        m = ATTRIBUTE.search(text)
        if not m:
            return text
        end = close_paren(text, m.end() - 1)
        text = text[:m.start()] + blank(text[m.start():end]) + text[end:]


def declarator(text):
    """(name, offset) of the function a declaration text declares, or None."""
    text = strip_attributes(text)
    for m in CALLISH.finditer(text):
        name = m.group(1)
        if m.group(2) or name in KEYWORDS or MACRO_NAME.match(name):
            continue            # "int (*" of a pointer, a keyword, a macro call
        before = text[:m.start()]
        if "=" in before or re.search(r"\btypedef\b", before):
            return None
        end = close_paren(text, text.index("(", m.end(1)))
        rest = TRAILING_MACROS.sub("", text[end:])
        if rest.strip() and not re.fullmatch(r"[\s)]*(\(.*\))?\s*", rest, re.S):
            return None         # e.g. "int f(x) [3]", not a function
        return name, m.start(1)
    return None


class Function:
    def __init__(self, path, name, line, open_line, close_line, static, definition, text):
        self.path, self.name, self.line = path, name, line
        self.open_line, self.close_line = open_line, close_line
        self.static, self.definition, self.text = static, definition, text

    @property
    def length(self):
        return self.close_line - self.open_line + 1


class Source:
    """One file: its lines, directives, functions and declarations."""

    def __init__(self, root, rel):
        self.rel = rel
        with open(os.path.join(root, rel), "rb") as f:
            self.text = f.read().decode("utf-8", "replace")
        self.lines = self.text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.code, self.directives = strip_source(self.text)
        self.starts = [0] + [m.end() for m in re.finditer("\n", self.code)]
        self.functions = []       # Function, definitions and declarations
        self.decls = []           # (offset, text) of other top-level declarations
        self.scan()

    def line_of(self, offset):
        return bisect.bisect_right(self.starts, offset)

    def scan(self):
        code = self.code
        depth = 0
        start = 0               # where the current top-level declaration began
        groups = []             # brace groups (open, close) inside it, not functions
        head = None             # declaration text before a function's '{'
        open_at = 0
        for m in re.finditer(r"[{};]", code):
            c, i = m.group(), m.start()
            if depth:
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        if head is not None:
                            self.add_function(head, start, open_at, i)
                            start, groups, head = i + 1, [], None
                        else:
                            groups.append((open_at, i))
                continue
            if c == ";":
                self.add_decl(self.decl_text(start, i, groups), start)
                start, groups = i + 1, []
            elif c == "}":
                start, groups = i + 1, []      # the end of an extern "C" block
            else:
                text = self.decl_text(start, i, groups)
                if re.fullmatch(r"\s*extern\s*\"\s*\"\s*", text):
                    start, groups = i + 1, []  # extern "C" { ... }: not a scope
                    continue
                depth, open_at = 1, i
                found = declarator(text) if not groups else None
                head = text if found and not re.search(r"\b(struct|union|enum)\s*\w*\s*$", text) \
                    else None

    def decl_text(self, start, end, groups):
        text = self.code[start:end]
        for a, b in groups:
            text = text[:a - start + 1] + blank(text[a - start + 1:b - start]) + text[b - start:]
        return text

    def add_function(self, text, start, open_at, close_at):
        name, off = declarator(text)
        static = re.search(r"\bstatic\b", text[:off]) is not None
        self.functions.append(Function(self.rel, name, self.line_of(start + off),
                                       self.line_of(open_at), self.line_of(close_at),
                                       static, True, text))

    def add_decl(self, text, start):
        found = declarator(text)
        if found and not re.search(r"\btypedef\b", text):
            name, off = found
            static = re.search(r"\bstatic\b", text[:off]) is not None
            self.functions.append(Function(self.rel, name, self.line_of(start + off),
                                           0, 0, static, False, text))
        else:
            self.decls.append((start, text))

    def types(self):
        """(name, line) of typedef names and struct/union/enum tags declared."""
        out = []
        for start, text in self.decls:
            bare = strip_attributes(text)
            typedef = re.search(r"\btypedef\b", bare)
            for m in TAG.finditer(bare):
                after = bare[m.end():].lstrip()
                if typedef or after.startswith("{") or not after.strip():
                    out.append((m.group(2), self.line_of(start + m.start(2))))
            if not typedef:
                continue
            body = re.sub(r"\{[^{}]*\}", lambda g: blank(g.group()), bare)
            pointer = re.search(r"\(\s*\*\s*([A-Za-z_]\w*)\s*\)\s*\(", body)
            if pointer:
                out.append((pointer.group(1), self.line_of(start + pointer.start(1))))
                continue
            for part in split_top(body[typedef.end():]):
                part_text, part_at = part
                part_text = re.sub(r"\[[^\]]*\]", lambda g: blank(g.group()), part_text)
                names = [n for n in IDENT.finditer(part_text) if n.group() not in KEYWORDS]
                if names:
                    n = names[-1]
                    out.append((n.group(), self.line_of(start + typedef.end() + part_at +
                                                        n.start())))
        return out


def split_top(text):
    """(part, offset) of text split at top-level commas."""
    parts, depth, last = [], 0, 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append((text[last:i], last))
            last = i + 1
    parts.append((text[last:], last))
    return parts


# ---- the rules ----------------------------------------------------------------------
class Checker:
    def __init__(self, root, cfg, rules):
        self.root, self.cfg, self.rules = root, cfg, rules
        self.violations = []
        self.sources = [Source(root, rel) for rel in self.files()]
        self.metrics = {}

    def files(self):
        out = []
        for top in self.cfg.SOURCE_DIRS:
            base = os.path.join(self.root, top)
            for dirpath, dirnames, filenames in os.walk(base):
                dirnames.sort()
                for name in sorted(filenames):
                    if name.endswith(self.cfg.SOURCE_SUFFIXES):
                        out.append(os.path.relpath(os.path.join(dirpath, name), self.root)
                                   .replace(os.sep, "/"))
        return out

    def report(self, rule, path, line, message):
        if rule in self.rules:
            self.violations.append((path, line, rule, message))

    @staticmethod
    def under(path, top):
        return path == top or path.startswith(top.rstrip("/") + "/")

    def is_public(self, src):
        return os.path.dirname(src.rel) == self.cfg.PUBLIC_HEADER_DIR and src.rel.endswith(".h")

    def run(self):
        public = [s for s in self.sources if self.is_public(s)]
        for src in self.sources:
            self.check_file_size(src)
            self.check_hygiene(src)
            if any(self.under(src.rel, d) for d in self.cfg.FUNCTION_SIZE_DIRS):
                self.check_function_size(src)
        for src in public:
            self.check_public(src)
        self.check_export_header(public)
        self.check_internal(public)
        self.violations.sort(key=lambda v: (v[0], v[1], RULES.index(v[2]), v[3]))
        return self.violations

    def check_file_size(self, src):
        if len(src.lines) > self.cfg.MAX_FILE_LINES:
            self.report("file-size", src.rel, 1, "%d lines (max %d)"
                        % (len(src.lines), self.cfg.MAX_FILE_LINES))

    def check_function_size(self, src):
        for f in src.functions:
            if f.definition and f.length > self.cfg.MAX_FUNCTION_LINES:
                self.report("function-size", src.rel, f.line, "function '%s' is %d lines (max %d)"
                            % (f.name, f.length, self.cfg.MAX_FUNCTION_LINES))

    def width(self, line):
        if line.isascii():
            return len(line.expandtabs(self.cfg.TAB_WIDTH))
        col = 0
        for ch in line:
            if ch == "\t":
                col += self.cfg.TAB_WIDTH - col % self.cfg.TAB_WIDTH
            elif unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
                continue
            elif unicodedata.east_asian_width(ch) in ("W", "F"):
                col += 2
            else:
                col += 1
        return col

    def check_hygiene(self, src):
        limit = self.cfg.MAX_LINE_COLUMNS
        for n, line in enumerate(src.lines, 1):
            if line != line.rstrip():
                self.report("trailing-space", src.rel, n, "trailing whitespace")
            stripped = line.lstrip(" \t")
            if stripped:
                indent = line[:len(line) - len(stripped)]
                if " \t" in indent:
                    self.report("indent-mix", src.rel, n, "space before tab in indentation")
                elif re.search(r" {%d}" % self.cfg.TAB_WIDTH, indent):
                    self.report("indent-mix", src.rel, n,
                                "%d or more spaces in indentation where a tab belongs"
                                % self.cfg.TAB_WIDTH)
            if len(line) > limit // 2 or "\t" in line:
                w = self.width(line.rstrip("\r"))
                if w > limit:
                    self.report("line-length", src.rel, n, "%d columns (max %d)" % (w, limit))

    def check_public(self, src):
        cfg = self.cfg
        base = os.path.basename(src.rel)
        module = base[:-2]
        types = src.types()
        type_names = {name for name, _ in types}
        # prefix-type
        seen = set()
        for name, line in types:
            if not name.startswith(cfg.PUBLIC_PREFIX) and name not in seen:
                seen.add(name)
                self.report("prefix-type", src.rel, line,
                            "type '%s' does not start with %s" % (name, cfg.PUBLIC_PREFIX))
        # prefix-function, export-macro
        allowed = [cfg.PUBLIC_PREFIX + module + "_"] + \
            sorted(t + "_" for t in type_names if t.startswith(cfg.PUBLIC_PREFIX))
        for f in src.functions:
            if base not in cfg.PREFIX_EXEMPT_HEADERS and \
                    not any(f.name.startswith(p) for p in allowed):
                types_here = ", ".join(sorted(t for t in type_names
                                              if t.startswith(cfg.PUBLIC_PREFIX)))
                self.report("prefix-function", src.rel, f.line,
                            "'%s' is not named %s%s_* nor em_T_* for a type of this header (%s)"
                            % (f.name, cfg.PUBLIC_PREFIX, module, types_here or "none"))
            if cfg.REQUIRE_EXPORT_MACRO and not f.static and not f.definition:
                if not re.search(r"\b%s\b" % re.escape(cfg.EXPORT_MACRO), f.text):
                    self.report("export-macro", src.rel, f.line,
                                "declaration of '%s' lacks %s" % (f.name, cfg.EXPORT_MACRO))
        # prefix-macro, third-party includes
        guard = None
        for i, (line, keyword, rest) in enumerate(src.directives):
            if keyword == "ifndef" and guard is None and i == 0:
                guard = rest.split()[0] if rest.split() else None
            if keyword == "define":
                m = re.match(r"([A-Za-z_]\w*)", rest)
                if not m:
                    continue
                name = m.group(1)
                if name.startswith(cfg.PUBLIC_MACRO_PREFIX):
                    continue
                if name == guard and i == 1 and cfg.guard_re.fullmatch(name):
                    continue
                self.report("prefix-macro", src.rel, line,
                            "macro '%s' does not start with %s" % (name, cfg.PUBLIC_MACRO_PREFIX))
            elif keyword == "include":
                m = re.match(r"[<\"]([^>\"]+)[>\"]", rest)
                if m and cfg.include_re.fullmatch(m.group(1)):
                    self.report("third-party", src.rel, line,
                                "includes third-party header <%s>" % m.group(1))
        # third-party identifiers
        for n, code_line in enumerate(src.code.split("\n"), 1):
            for name in sorted(set(cfg.ident_re.findall(code_line))):
                self.report("third-party", src.rel, n, "third-party identifier '%s'" % name)
        for line, keyword, rest in src.directives:
            if keyword == "define":
                body = LEXEME.sub(lambda m: m.group()[0] * 2 if m.group()[0] in "\"'" else " ",
                                  rest)
                for name in sorted(set(cfg.ident_re.findall(body))):
                    self.report("third-party", src.rel, line,
                                "third-party identifier '%s' in a macro" % name)

    def check_export_header(self, public):
        cfg = self.cfg
        if not cfg.REQUIRE_EXPORT_MACRO:
            return
        path = cfg.PUBLIC_HEADER_DIR + "/" + cfg.EXPORT_HEADER
        for src in public:
            if src.rel == path:
                for line, keyword, rest in src.directives:
                    if keyword == "define" and re.match(r"%s\b" % re.escape(cfg.EXPORT_MACRO),
                                                        rest):
                        return
                self.report("export-macro", path, 1, "does not define %s" % cfg.EXPORT_MACRO)
                return
        self.report("export-macro", path, 1, "missing: no header defines %s" % cfg.EXPORT_MACRO)

    def check_internal(self, public):
        cfg = self.cfg
        declared = {f.name for s in public for f in s.functions if not f.static}
        lib = cli = lib_public = lib_internal = 0
        for src in self.sources:
            if self.is_public(src) or not self.under(src.rel, cfg.LIBRARY_DIR):
                continue
            in_cli = self.under(src.rel, cfg.CLI_DIR)
            for f in src.functions:
                if not f.definition or f.static:
                    continue
                if in_cli:
                    cli += 1
                    if not f.name.startswith(cfg.CLI_PREFIX) and f.name not in cfg.CLI_EXEMPT:
                        self.report("internal-symbol", src.rel, f.line,
                                    "non-static CLI function '%s' is not named %s*"
                                    % (f.name, cfg.CLI_PREFIX))
                    continue
                lib += 1
                if f.name in declared:
                    lib_public += 1
                elif f.name.startswith(cfg.INTERNAL_PREFIX):
                    lib_internal += 1
                else:
                    self.report("internal-symbol", src.rel, f.line,
                                "non-static function '%s' is neither declared in %s/*.h nor "
                                "named %s*" % (f.name, cfg.PUBLIC_HEADER_DIR, cfg.INTERNAL_PREFIX))
        funcs = [f for s in self.sources for f in s.functions if f.definition
                 and any(self.under(s.rel, d) for d in cfg.FUNCTION_SIZE_DIRS)]
        defined = {f.name for s in self.sources if not self.is_public(s)
                   for f in s.functions if f.definition}
        self.metrics = {
            "files": len(self.sources),
            "functions defined in src/": len(funcs),
            "  of them static": sum(f.static for f in funcs),
            "non-static library functions (src/, not src/cli/)": lib,
            "  declared in a public header": lib_public,
            "  named %s*" % cfg.INTERNAL_PREFIX: lib_internal,
            "  neither": lib - lib_public - lib_internal,
            "non-static CLI functions": cli,
            "functions declared in public headers": len(declared),
            "  without a definition in src/": len(declared - defined),
        }


# ---- driver ------------------------------------------------------------------------
def select_rules(names):
    if not names:
        return list(RULES)
    out = []
    for item in names:
        for name in filter(None, item.split(",")):
            if name in GROUPS:
                out.extend(GROUPS[name])
            elif name in RULES:
                out.append(name)
            else:
                raise ValueError("unknown rule '%s' (rules: %s; groups: %s)"
                                 % (name, ", ".join(RULES), ", ".join(GROUPS)))
    return [r for r in RULES if r in out]


def check(root, cfg, rules):
    checker = Checker(root, cfg, rules)
    return checker, checker.run()


def print_summary(checker, rules, out):
    counts = {r: 0 for r in rules}
    for v in checker.violations:
        counts[v[2]] += 1
    out.write("checksrc: violations per rule:\n")
    for r in rules:
        out.write("  %-16s %d\n" % (r, counts[r]))
    out.write("checksrc: metrics:\n")
    for key, value in checker.metrics.items():
        out.write("  %-52s %d\n" % (key, value))


def list_functions(checker, limit, out):
    funcs = [f for s in checker.sources for f in s.functions if f.definition
             and any(Checker.under(s.rel, d) for d in checker.cfg.FUNCTION_SIZE_DIRS)]
    over = sorted((f for f in funcs if f.length > limit),
                  key=lambda f: (-f.length, f.path, f.line))
    for f in over:
        out.write("%s:%d: %s: %d lines\n" % (f.path, f.line, f.name, f.length))
    out.write("checksrc: %d of %d functions in %s are over %d lines\n"
              % (len(over), len(funcs), "/".join(checker.cfg.FUNCTION_SIZE_DIRS), limit))


EXPECT = re.compile(r"checksrc-expect:\s*(.*?)\s*(?:\*/|$)")
EXPECT_ITEM = re.compile(r"([\w-]+)(?:\{([^}]*)\})?")
FUNC_MARK = re.compile(r"checksrc-function:\s*(\w+)\s+(\d+)\s+(static|extern)")


def selftest(out):
    """Runs every rule on tests/checksrc/good (no violation) and
    tests/checksrc/bad (exactly the violations its markers name:
    "checksrc-expect: RULE{text in the message} ..." on the reported line),
    and checks the functions marked "checksrc-function: NAME LENGTH
    static|extern" are parsed so."""
    failures = []
    cfg = Config(**SELFTEST_LIMITS)
    for tree in ("good", "bad"):
        root = os.path.join(SELFTEST_DIR, tree)
        if not os.path.isdir(root):
            failures.append("missing fixture tree %s" % root)
            continue
        checker, found = check(root, cfg, list(RULES))
        expected = []
        marks = []
        for src in checker.sources:
            for n, line in enumerate(src.lines, 1):
                m = EXPECT.search(line)
                if m:
                    for item in EXPECT_ITEM.finditer(m.group(1)):
                        expected.append((src.rel, n, item.group(1), item.group(2)))
                m = FUNC_MARK.search(line)
                if m:
                    marks.append((src, n, m.group(1), int(m.group(2)), m.group(3) == "static"))
        if tree == "good" and expected:
            failures.append("good tree carries checksrc-expect markers")
        unmatched = list(found)
        for path, line, rule, text in expected:
            if rule not in RULES:
                failures.append("%s:%d: unknown rule '%s' in a marker" % (path, line, rule))
                continue
            hit = next((v for v in unmatched if v[:3] == (path, line, rule)
                        and (text is None or text in v[3])), None)
            if hit is None:
                failures.append("%s/%s:%d: %s%s not reported" % (
                    tree, path, line, rule, "" if text is None else " {%s}" % text))
            else:
                unmatched.remove(hit)
        for v in unmatched:
            failures.append("%s/%s:%d: %s: unexpected: %s" % ((tree,) + v))
        for rule in RULES:
            if tree == "bad" and not any(e[2] == rule for e in expected):
                failures.append("bad tree has no case of %s" % rule)
        for src, n, name, length, static in marks:
            f = next((f for f in src.functions if f.definition and f.name == name), None)
            if f is None:
                failures.append("%s/%s:%d: function %s not found" % (tree, src.rel, n, name))
            elif (f.line, f.length, f.static) != (n, length, static):
                failures.append("%s/%s:%d: function %s parsed as line %d, %d lines, %s"
                                % (tree, src.rel, n, name, f.line, f.length,
                                   "static" if f.static else "extern"))
        if tree == "bad":
            # The switch and the rule selection.
            _, off = check(root, Config(REQUIRE_EXPORT_MACRO=False, **SELFTEST_LIMITS),
                           list(RULES))
            if any(v[2] == "export-macro" for v in off):
                failures.append("export-macro reported with REQUIRE_EXPORT_MACRO off")
            if len(off) != len(found) - sum(v[2] == "export-macro" for v in found):
                failures.append("turning export-macro off changed other rules' results")
            _, only = check(root, cfg, select_rules(["prefix"]))
            if sorted(only) != sorted(v for v in found if v[2].startswith("prefix-")):
                failures.append("--rule prefix does not give the prefix rules' violations")
        out.write("checksrc selftest: %s tree: %d violations, %d expected, %d functions checked\n"
                  % (tree, len(found), len(expected), len(marks)))
    for f in failures:
        out.write("FAIL %s\n" % f)
    out.write("checksrc selftest: %s\n" % ("FAILED" if failures else "ok"))
    return 1 if failures else 0


def main(argv):
    parser = argparse.ArgumentParser(
        description="Checks the C sources under src/ and include/ against the house rules.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="rules:\n  %s\ngroups:\n  %s" % (
            "\n  ".join(RULES),
            "\n  ".join("%s = %s" % (g, " ".join(r)) for g, r in GROUPS.items())))
    parser.add_argument("--root", default=DEFAULT_ROOT,
                        help="the repository root (default: %(default)s)")
    parser.add_argument("--summary", action="store_true",
                        help="print the number of violations per rule and some metrics")
    parser.add_argument("--list-functions", type=int, metavar="N",
                        help="print the functions in src/ over N lines, longest first, and exit")
    parser.add_argument("--rule", action="append", default=[], metavar="NAME",
                        help="run only this rule or group (repeatable, or comma-separated)")
    parser.add_argument("--no-export-macro", action="store_true",
                        help="do not require %s on public declarations" % EXPORT_MACRO)
    parser.add_argument("--selftest", action="store_true",
                        help="check the rules against the fixtures in tests/checksrc")
    args = parser.parse_args(argv)
    out = sys.stdout
    if args.selftest:
        return selftest(out)
    try:
        rules = select_rules(args.rule)
    except ValueError as e:
        parser.error(str(e))
    root = os.path.abspath(args.root)
    if not all(os.path.isdir(os.path.join(root, d)) for d in SOURCE_DIRS):
        parser.error("%s has no %s" % (root, " or ".join(SOURCE_DIRS)))
    cfg = Config(REQUIRE_EXPORT_MACRO=REQUIRE_EXPORT_MACRO and not args.no_export_macro)
    if not cfg.REQUIRE_EXPORT_MACRO and "export-macro" in rules:
        rules.remove("export-macro")
    checker, violations = check(root, cfg, rules)
    if args.list_functions is not None:
        list_functions(checker, args.list_functions, out)
        return 0
    for path, line, rule, message in violations:
        out.write("%s:%d: %s: %s\n" % (path, line, rule, message))
    if args.summary:
        print_summary(checker, rules, out)
    files = len({v[0] for v in violations})
    if violations:
        out.write("checksrc: %d violation%s in %d file%s (%d files, %d rules checked)\n"
                  % (len(violations), "s"[:len(violations) != 1], files, "s"[:files != 1],
                     len(checker.sources), len(rules)))
        return 1
    out.write("checksrc: ok (%d files, %d rules checked)\n" % (len(checker.sources), len(rules)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
