#!/usr/bin/env python3
# long-functions.py — lists the functions of src/core longer than 60 lines (signature line to
# closing brace; lambdas and local classes count in their function), the rule of issue 12.
# A function may stay longer with a comment "// long-function: <reason>" on the line right
# above its signature; it is then listed as kept, not counted.
#
#   python3 scripts/long-functions.py [--max N] [FILE…]   (run from the repository root;
#   default: every .cpp and .hpp of src/core)      exit 0 when none is too long, 1 otherwise
#
# A scan of braces in the text with comments and literals blanked out, not a C++ parser: a
# "{" that ends a declaration with a parameter list, outside any function, opens a function.
# Not wired into CI (the include rules' check is its own script).
#
# Depends on: Python 3, the standard library.
import re, sys, pathlib

def strip(text):
    # Replace comments and string/char literals by spaces, keeping newlines.
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i); j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2); j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j])); i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i-1].isalnum() or text[i-1] == '_')):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(')' + m.group(1) + '"', i)
            j = end + len(m.group(1)) + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j])); i = j
        elif c in '"\'':
            if c == "'" and i > 0 and text[i-1].isalnum() and text[i-1] not in 'uUL8' :  # digit separator 1'000
                out.append(' '); i += 1; continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            j += 1
            out.append(c + ' ' * (j - i - 2) + c); i = j
        else:
            out.append(c); i += 1
    return ''.join(out)

CONTROL = re.compile(r'^\s*(if|for|while|switch|catch|do|else|return|try)\b')

def functions(path):
    raw = pathlib.Path(path).read_text()
    s = strip(raw)
    lines_raw = raw.split('\n')
    stack = []  # kinds: 'ns', 'type', 'fn', 'other'
    stmt_start = 0
    res = []
    for i, c in enumerate(s):
        if c in ';':
            stmt_start = i + 1
        elif c == '{':
            head = s[stmt_start:i]
            in_fn = any(k[0] == 'fn' for k in stack)
            kind = 'other'
            h = head.strip()
            if in_fn:
                kind = 'other'
            elif re.search(r'\b(namespace|extern\s*"C")\b', h) and '(' not in h:
                kind = 'ns'
            elif re.search(r'\b(class|struct|union|enum)\b', h) and '(' not in h.split('{')[0] or re.match(r'^(template\s*<.*>\s*)?(class|struct|union|enum)\b', h):
                kind = 'type'
            elif ')' in h and not CONTROL.match(h) and not re.search(r'=\s*$', h) and not h.endswith(',') :
                kind = 'fn'
            if kind == 'fn':
                # signature start: first non-blank char of head
                off = stmt_start + (len(head) - len(head.lstrip()))
                start_line = s.count('\n', 0, off) + 1
                stack.append(('fn', start_line, h.split('(')[0].split()[-1] if '(' in h else h))
            else:
                stack.append((kind, 0, ''))
            stmt_start = i + 1
        elif c == '}':
            if stack:
                kind, start_line, name = stack.pop()
                if kind == 'fn':
                    end_line = s.count('\n', 0, i) + 1
                    above = lines_raw[start_line - 2].strip() if start_line >= 2 else ''
                    res.append((path, start_line, end_line - start_line + 1, name, above.startswith('// long-function:')))
            stmt_start = i + 1
        elif c == ':' and i + 1 < len(s) and s[i+1] != ':' and (i == 0 or s[i-1] != ':'):
            # access specifiers / labels: "public:" resets the statement start
            h = s[stmt_start:i].strip()
            if h in ('public', 'private', 'protected') or re.match(r'^(case\b.*|default)$', h):
                stmt_start = i + 1
    return res

args = sys.argv[1:]
limit = 60
if args[:1] == ['--max']:
    limit, args = int(args[1]), args[2:]
paths = args or sorted(str(p) for p in pathlib.Path('src/core').rglob('*') if p.suffix in ('.cpp', '.hpp'))
bad = 0
for p in paths:
    for path, line, length, name, exempt in functions(p):
        if length > limit:
            print(f"{path}:{line}: {name} {length} lines{' (long-function: kept)' if exempt else ''}")
            if not exempt: bad += 1
sys.exit(1 if bad else 0)
