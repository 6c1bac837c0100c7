"""Write the generated tree (content/) so that it is always either the complete old or the complete new edition.

The new tree is written to a sibling staging folder (``.content.new-XXXX``), never inside content/, and
swapped in with one atomic ``renameat2(RENAME_EXCHANGE)`` where the kernel and filesystem offer it
(Linux ≥ 3.15 on ext4, xfs, btrfs, tmpfs...). Elsewhere two renames are used with SIGINT/SIGTERM
held back in between; only SIGKILL or a power cut between those two renames can leave content/
missing, and the next build puts the old tree back before doing anything else. Staging and old trees
left by a killed build are removed by the next build. Builds into the same folder take turns (a
``flock`` on the parent folder, held from reading content/ for the merge to writing it,
:func:`taking_turns`), so the clean-up never touches a running build's staging tree and no build
merges a tree another is replacing.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import glob
import os
import shutil
import signal
import stat
import tempfile
import threading
from pathlib import Path

from build_edition.core.errors import EditionError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_tree(files: dict[str, str], target: Path) -> None:
    """Replace ``target`` with exactly ``files`` (plus files editors added that the pipeline does not generate)."""
    target = target.resolve()
    parent = target.parent
    check_writable(target)
    parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(parent):
        recover(target)
        # The staging folder is named after this process, so that a SIGTERM arriving right after mkdtemp
        # made it (before its name is known here) still finds it below.
        prefix = f".{target.name}.new-{os.getpid()}-"
        try:
            staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
            for rel, text in sorted(files.items()):
                path = staging / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
            _keep_unmanaged(target, staging, files)
            os.chmod(staging, 0o755)     # mkdtemp makes it private; content/ is meant to be shared
            with _signals_held():
                _swap_in(staging, target)
        finally:
            # After the swap the staging path holds the old tree; before it, the unfinished new one.
            _remove_staging(parent, prefix)


def _remove_staging(parent: Path, prefix: str) -> None:
    """Remove this build's staging folders, to the end even if SIGINT/SIGTERM interrupts: a signal that
    reached the process just before the mask (Python runs its handler at the next bytecode, inside the
    masked block) would otherwise stop the removal halfway; it is raised once the folders are gone."""
    interrupted: BaseException | None = None
    while True:
        try:
            with _signals_held():
                for path in parent.glob(glob.escape(prefix) + "*"):
                    shutil.rmtree(path, ignore_errors=True)
            break
        except KeyboardInterrupt as exc:
            interrupted = exc
    if interrupted is not None:
        raise interrupted


def check_writable(target: Path) -> None:
    """Refuse, before any work is done, an output folder the build may not replace.

    The build swaps in a new tree beside ``target``, so the folder that holds it must be writable; and it
    never replaces a ``target`` in which anything was made read-only: that is an editor's decision
    (``chmod -R a-w content``) to respect, not to override. The mode bits decide, not only ``access()``:
    root may write anywhere, and a build run as root must not take that as permission."""
    target = Path(os.path.abspath(target))
    if target.exists() and not target.is_dir():
        raise EditionError("the output path exists and is not a folder", file=str(target),
                           hint="remove or rename that file, or choose another --content folder")
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise EditionError("the output folder cannot be created: a file is in its way", file=str(folder),
                           hint="remove or rename that file, or choose another --content folder")
    if _read_only(folder):
        raise EditionError(f"the folder that holds {target.name}/ is read-only; the build writes the new "
                           f"{target.name}/ beside the old one and swaps them", file=str(folder),
                           hint=f"make it writable (`chmod u+w {folder}`), or choose another --content folder")
    if not target.exists():
        return
    for path in _tree(target):
        if _read_only(path):
            what = "folder" if path.is_dir() else "file"
            raise EditionError(f"this {what} in {target.name}/ is read-only, and the build replaces "
                               f"{target.name}/ as a whole: it does not override the permissions an editor set",
                               file=str(path), hint=f"to let the build update it, make it writable again "
                               f"(`chmod -R u+w {target}`); or build into another folder with --content")


def _tree(root: Path):
    """``root`` and everything under it, folders before their contents; symbolic links are not followed."""
    yield root
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(dirs) + sorted(names):
            yield Path(folder, name)


def _read_only(path: Path) -> bool:
    """Whether ``path`` may not be written by this process, judged by its mode bits (root included) and,
    for other users, by access(); a symbolic link itself has no permissions of its own."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return False
    if not info.st_mode & 0o222:
        return True
    return os.geteuid() != 0 and not os.access(path, os.W_OK) if hasattr(os, "geteuid") else False


def recover(target: Path) -> None:
    """Undo what a killed build left next to ``target``: put a displaced old tree back if ``target`` is
    missing, and remove staging and old trees."""
    parent, prefix = target.parent, f".{target.name}."
    if not parent.is_dir():
        return
    leftovers = sorted(p for p in parent.iterdir() if p.name.startswith(prefix)
                       and p.name[len(prefix):].startswith(("new-", "old-")))
    for path in leftovers:
        if path.name.startswith(prefix + "old-") and not target.exists():
            os.rename(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _swap_in(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
    elif not _exchange(staging, target):
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        os.rename(target, old)
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(old, target)
            raise
        os.rename(old, staging)          # the caller removes staging


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with renameat2(RENAME_EXCHANGE); False where that is unavailable."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


_held: dict[str, int] = {}       # folders this process holds the lock of, and how many times over


@contextlib.contextmanager
def _exclusive(folder: Path):
    """Hold an exclusive flock on ``folder`` (a no-op where flock does not exist); re-entrant within
    the process (a second flock on a new descriptor of the same folder would wait for the first)."""
    key = str(Path(folder).resolve())
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _held[key] = 1
        yield
    finally:
        _held.pop(key, None)
        os.close(fd)


@contextlib.contextmanager
def taking_turns(target: Path):
    """Builds into ``target`` take turns from reading it to writing it: a build that merged what another
    was replacing would read half of each tree and see conflicts that are not there. Whatever a killed
    build left beside ``target`` is undone first (:func:`recover`)."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(target.parent):
        recover(target)
        yield


@contextlib.contextmanager
def _signals_held():
    """Delay SIGINT/SIGTERM until the block is done, so the swap is never cut in half by them."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _keep_unmanaged(target: Path, staging: Path, files: dict[str, str]) -> None:
    """Files editors added to content/ that the pipeline does not generate (images, glossary data...) stay."""
    if not target.exists():
        return
    for path in sorted(target.rglob("*")):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in files and not _generated_name(rel):
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def _generated_name(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return rel.endswith(".md") and (name == "index.md" or name[:2].isdigit()) or name in (
        "emendations.jsonl", "removals.jsonl", "_nav.yml", "_nav_translations.yml")
