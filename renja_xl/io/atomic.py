"""Writing output files atomically: a temporary file beside the target, then a rename.

A failure or Ctrl-C mid-write never leaves half a workbook, and the target is only
replaced once the new content is complete on disk. A target that is a symbolic link is
followed: the file it points to is replaced and the link stays a link. The new file
has the mode of the file it replaces, or for a new file the usual mode (0666 less the
umask, as any program's output), never a private 0600.

Backups (:func:`keep_backup`) are made the same way and never replace anything: the
first ``.bak`` is kept for good, a later one is numbered (``.bak.1``, ``.bak.2``…), and
a full disk leaves no empty or partial backup behind.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import time
from pathlib import Path
from typing import BinaryIO, Callable, Optional

from ..errors import OutputError


STALE_AFTER_SECONDS = 3600
_WHY = {errno.ENOSPC: "disk penuh", errno.EDQUOT: "kuota disk habis", errno.EROFS: "disk hanya-baca",
        errno.EACCES: "izin ditolak", errno.EPERM: "izin ditolak", errno.ENAMETOOLONG: "nama terlalu panjang"}


def why(exc: OSError) -> str:
    """An OS error in a few Indonesian words (the system's own text for the rare ones)."""
    return _WHY.get(exc.errno, exc.strerror or str(exc))


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of this target left by a killed run (an hour old: no live writer owns them)."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_AFTER_SECONDS:
                leftover.unlink()
        except OSError:
            pass


def real_target(path: str | os.PathLike) -> Path:
    """Where writing ``path`` lands: a symbolic link followed to its file (kept a link), else the path itself."""
    target = Path(path)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def _temporary(target: Path) -> tuple[int, Path]:
    """A new temporary file beside ``target``, created with mode 0666 so that the umask decides, as for any output."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{os.urandom(4).hex()}.tmp"   # secrets.token_hex, without loading OpenSSL
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere the rename is all there is)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _same_owner_and_mode(tmp: Path, like: os.stat_result) -> None:
    os.chmod(tmp, stat.S_IMODE(like.st_mode))
    if hasattr(os, "chown") and hasattr(os, "getuid"):
        try:
            if (like.st_uid, like.st_gid) != (os.getuid(), os.getgid()):
                os.chown(tmp, like.st_uid, like.st_gid)
        except OSError:
            pass  # not ours to give away: the mode is kept at least


def _write_temporary(target: Path, data, like: Optional[os.stat_result]) -> Path:
    """``data`` (bytes, or a function writing into a binary file) complete on disk in a temporary file beside
    ``target`` (removed again on any failure)."""
    fd, tmp = _temporary(target)
    try:
        with os.fdopen(fd, "w+b") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if like is not None:
            _same_owner_and_mode(tmp, like)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return tmp


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``.

    A symbolic link is followed (its file replaced, the link kept); an existing file's mode
    (and owner, when allowed) carries over to the new one; a path that exists but is no
    regular file (a folder, a pipe, a device) is refused.
    """
    write_atomic(path, lambda handle: handle.write(data))


def write_atomic(path: str | os.PathLike, produce: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` as :func:`write_bytes_atomic` does, its content made by ``produce(handle)`` as it goes
    (a seekable binary file; a copy never has to be held whole in memory)."""
    target = real_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Folder tujuan '{folder}' tidak ada; hasil '{target.name}' tidak dapat ditulis.")
    try:
        existing: Optional[os.stat_result] = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise OutputError(f"Hasil '{target.name}' tidak dapat ditulis: {why(exc)}.") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        kind = "sebuah folder" if stat.S_ISDIR(existing.st_mode) else "bukan berkas biasa (pipa, perangkat atau soket)"
        raise OutputError(f"Hasil '{target.name}' tidak dapat ditulis: tujuan itu {kind}; pilih nama berkas lain.")
    try:
        tmp = _write_temporary(target, produce, existing)
    except OSError as exc:
        raise OutputError(f"Hasil '{target.name}' tidak dapat ditulis di '{folder}': {why(exc)}.") from None
    try:
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"Hasil '{target.name}' tidak dapat ditulis: {why(exc)}.") from None
        raise
    _sync_folder(folder)
    _remove_stale_temporaries(target)


def backup_names(source: Path):
    """``x.xlsx.bak``, then ``x.xlsx.bak.1``, ``x.xlsx.bak.2``…"""
    yield source.with_name(source.name + ".bak")
    n = 1
    while True:
        yield source.with_name(f"{source.name}.bak.{n}")
        n += 1


def _link_new(tmp: Path, name: Path) -> bool:
    """Give the complete temporary file ``name``, never replacing a file there; False when ``name`` is taken."""
    try:
        os.link(tmp, name)
    except FileExistsError:
        return False
    except OSError as exc:  # a file system without hard links (FAT, some network shares): rename if still free
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        if os.path.lexists(name):
            return False
        os.replace(tmp, name)
        return True
    os.unlink(tmp)
    return True


def keep_backup(source: Path, data: bytes, like: os.stat_result) -> Path:
    """A backup of ``data`` (``source``'s bytes) beside it, never overwriting one: the path it has.

    The first backup is ``.bak`` and stays the original for good; each later run adds the
    next number, unless the newest backup already holds these very bytes. The backup is
    written whole to a temporary file first and only then given its name, so a full
    disk or a kill leaves no empty or partial backup.
    """
    newest: Optional[Path] = None
    for name in backup_names(source):
        if not os.path.lexists(name):
            break
        newest = name
    if newest is not None:
        try:
            if newest.stat().st_size == len(data) and newest.read_bytes() == data:
                return newest
        except OSError:
            pass
    tmp = _write_temporary(source, data, like)
    try:
        os.utime(tmp, ns=(like.st_atime_ns, like.st_mtime_ns))
        for name in backup_names(source):
            if _link_new(tmp, name):
                _sync_folder(source.parent)
                return name
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    raise AssertionError("unreachable")
