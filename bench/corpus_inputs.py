#!/usr/bin/env python3
"""corpus_inputs.py - what bench/run.sh gives ndislint for each driver of a
development corpus (a folder of real drivers with a manifest.json).

  corpus_inputs.py CORPUS OUT_DIR [--min-files N] [--only NAME,...]

For every driver of CORPUS/manifest.json with at least N source files
(default 5), writes OUT_DIR/NAME/sources.txt (one absolute path a line) and
OUT_DIR/NAME/compiler-args.txt (the arguments after `--`, one a line), and
prints "NAME LANGUAGE FILES" on standard output. Drivers left out are named
on standard error.

A driver is run as someone without its build system would run it:
  - its sources are the files it lists (files_extracted) ending in .c, .cpp,
    .cc or .cxx, those under path_in_repo only (unless that is '' or '.'),
    in sorted order;
  - -I names every folder holding one of its .h or .hpp files (any of the
    files it lists, under path_in_repo or not), in sorted order;
  - then -DNDIS_MINIPORT_DRIVER=1 -DNDIS620_MINIPORT=1 (NDIS 6.20).
A listed file is at CORPUS/corpus_dir/FILE. Nothing is copied: the lists
name the corpus's own files.
"""
import json
import os
import sys

SOURCE_ENDINGS = ('.c', '.cpp', '.cc', '.cxx')
HEADER_ENDINGS = ('.h', '.hpp')
DEFINES = ['-DNDIS_MINIPORT_DRIVER=1', '-DNDIS620_MINIPORT=1']


def under(path, base):
    """Whether `path` (a listed file) is inside folder `base` of the repository."""
    base = base.rstrip('/')
    return base in ('', '.') or path == base or path.startswith(base + '/')


def inputs(corpus, driver):
    """(sources, compiler arguments) of one manifest entry."""
    root = os.path.join(corpus, driver['corpus_dir'])
    listed = driver.get('files_extracted', [])
    base = driver.get('path_in_repo', '')
    sources = sorted(os.path.join(root, f) for f in listed
                     if f.endswith(SOURCE_ENDINGS) and under(f, base))
    folders = sorted({os.path.dirname(os.path.join(root, f)) for f in listed
                      if f.endswith(HEADER_ENDINGS)})
    return sources, ['-I' + d for d in folders] + DEFINES


def language(driver, sources):
    if driver.get('language'):
        return driver['language']
    return 'C' if all(s.endswith('.c') for s in sources) else 'C++'


def main(argv):
    args = list(argv)
    min_files = 5
    only = None
    if '--min-files' in args:
        i = args.index('--min-files')
        min_files = int(args[i + 1])
        del args[i:i + 2]
    if '--only' in args:
        i = args.index('--only')
        only = {n for n in args[i + 1].split(',') if n}
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    corpus = os.path.abspath(args[0])
    out = args[1]
    with open(os.path.join(corpus, 'manifest.json')) as f:
        drivers = json.load(f)['drivers']
    for d in drivers:
        name = d['name']
        if only is not None and name not in only:
            continue
        sources, compiler_args = inputs(corpus, d)
        if len(sources) < min_files:
            print('corpus: %s: %d source file%s, fewer than %d; not timed'
                  % (name, len(sources), '' if len(sources) == 1 else 's', min_files),
                  file=sys.stderr)
            continue
        missing = [s for s in sources if not os.path.isfile(s)]
        if missing:
            print('corpus: %s: %d listed source files are not there (%s); not timed'
                  % (name, len(missing), missing[0]), file=sys.stderr)
            continue
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'sources.txt'), 'w') as f:
            f.writelines(s + '\n' for s in sources)
        with open(os.path.join(folder, 'compiler-args.txt'), 'w') as f:
            f.writelines(a + '\n' for a in compiler_args)
        print('%s %s %d' % (name, language(d, sources).replace(' ', ''), len(sources)))


if __name__ == '__main__':
    main(sys.argv[1:])
