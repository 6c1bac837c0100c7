"""Write the generated tree (content/) so that it is always either the complete old or the complete new edition.

The new tree is written to a sibling staging folder (``.content.new-XXXX``), never inside content/, and
swapped in with one atomic ``renameat2(RENAME_EXCHANGE)`` where the kernel and filesystem offer it
(Linux ≥ 3.15 on ext4, xfs, btrfs, tmpfs...). Elsewhere two renames are used with SIGINT/SIGTERM
held back in between; only SIGKILL or a power cut between those two renames can leave content/
missing, and the next build puts the old tree back before doing anything else. Staging and old trees
left by a killed build are removed by the next build. Builds into the same folder take turns (a
``flock`` on the parent folder), so the clean-up never touches a running build's staging tree.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
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
    parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not target.is_dir():
        raise EditionError("the output path exists and is not a folder", file=str(target),
                           hint="remove or rename that file, or choose another --content folder")
    with _exclusive(parent):
        recover(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
        try:
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
            with _signals_held():
                shutil.rmtree(staging, ignore_errors=True)


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


@contextlib.contextmanager
def _exclusive(folder: Path):
    """Hold an exclusive flock on ``folder`` (a no-op where flock does not exist)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


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
