"""The platform's images, one per component, built with podman and tagged by version and by content.

`python -m deploy.images build [COMPONENT ...]` builds each image whose inputs changed and leaves the
others as they are; `python -m deploy.images list` shows each image's tags and size.

An image's content tag is a digest of everything its build reads: its Dockerfile, the repository paths
that Dockerfile copies (less what .dockerignore leaves out) and the base image's id. An image already
tagged with it is not built again, so a change to one service rebuilds and retags that image alone,
and a change to contracts or servicekit rebuilds them all.

No registry answers on the machines this project runs on, so the base is made here once from Debian's
packages (debootstrap) and imported into podman; `--base` names another, such as python:3.11-slim.
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import partial
from pathlib import Path, PurePosixPath

from deploy.layout import COMPONENTS, ROOT, Component

LOCAL_BASE = "localhost/marketplace-base:bookworm"
BASE_SUITE = "bookworm"
BASE_PACKAGES = "python3,python3-venv,ca-certificates"
# What a running service never reads: package caches and lists, documentation, translations.
BASE_LEFT_OUT = ("var/cache/apt/archives/*.deb", "var/cache/apt/*.bin", "var/lib/apt/lists/*",
                 "usr/share/doc/*", "usr/share/man/*", "usr/share/locale/*")
# pip in a build reaches the package index through whatever TLS inspection the machine's own CA
# bundle trusts, so the build sees the machine's bundle.
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
OCI = "org.opencontainers.image"
# What an image copies that git does not hold, made by `make setup` (web: the browser libraries npm brings, copied
# into web/web/static/vendor by web/scripts/vendor.mjs): without it the image would serve pages missing their scripts.
MADE_BY_SETUP = {"web": "web/web/static/vendor"}
# Builds and the base share one podman store per machine, whichever checkout starts them.
LOCK_FILE = Path(tempfile.gettempdir()) / "marketplace-images.lock"


class ImageError(RuntimeError):
    pass


def podman(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    if shutil.which("podman") is None:
        raise ImageError("podman is not installed: `make system-packages` installs it")
    done = subprocess.run(["podman", *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise ImageError(f"podman {' '.join(args)} failed:\n{done.stderr.strip()}")
    return done


def image_exists(reference: str) -> bool:
    return podman("image", "exists", reference, check=False).returncode == 0


def image_id(reference: str) -> str:
    return podman("image", "inspect", "--format", "{{.Id}}", reference).stdout.strip()


@contextmanager
def machine_lock():
    """One build at a time on this machine: a second waits rather than build the same layers again."""
    with open(LOCK_FILE, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def copy_sources(dockerfile: Path) -> list[str]:
    """The repository paths a Dockerfile's COPY and ADD instructions take from the build context."""
    text = dockerfile.read_text().replace("\\\n", " ")
    sources = []
    for line in text.splitlines():
        instruction, _, arguments = line.strip().partition(" ")
        if instruction.upper() not in ("COPY", "ADD"):
            continue
        words = json.loads(arguments) if arguments.lstrip().startswith("[") else shlex.split(arguments)
        if any(word.startswith("--from") for word in words):
            continue  # from another build stage, not from the repository
        sources.extend(word for word in words[:-1] if not word.startswith("--"))
    return sources


def ignore_patterns(root: Path = ROOT) -> list[str]:
    lines = (root / ".dockerignore").read_text().splitlines()
    patterns = [line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")]
    if any(pattern.startswith("!") for pattern in patterns):
        raise ImageError(".dockerignore exceptions (!) are not supported by deploy.images")
    return patterns


def is_ignored(relative: PurePosixPath, patterns: list[str]) -> bool:
    """As the build context sees it: a path is left out when it or a folder above it matches a pattern."""
    for part in (relative, *relative.parents[:-1]):
        for pattern in patterns:
            if pattern.startswith("**/"):
                if fnmatch(part.name, pattern[3:]):
                    return True
            elif fnmatch(str(part), pattern):
                return True
    return False


def context_files(root: Path, sources: list[str], patterns: list[str]) -> list[Path]:
    """Every file of the build context that `sources` take, sorted."""
    found: set[Path] = set()
    for source in sources:
        start = root / source
        if not start.exists():
            raise ImageError(f"a Dockerfile copies {source}, which does not exist")
        for path in [start] if start.is_file() else start.rglob("*"):
            relative = PurePosixPath(path.relative_to(root).as_posix())
            if path.is_file() and not is_ignored(relative, patterns):
                found.add(path)
    return sorted(found)


def package_version(directory: Path) -> str:
    """The version in a package's pyproject.toml."""
    return tomllib.loads((directory / "pyproject.toml").read_text())["project"]["version"]


@dataclass(frozen=True)
class Image:
    component: Component
    root: Path = ROOT

    @property
    def name(self) -> str:
        return f"marketplace-{self.component.name}"

    @property
    def directory(self) -> Path:
        return self.root / self.component.directory.relative_to(ROOT)

    @property
    def dockerfile(self) -> Path:
        return self.directory / "Dockerfile"

    @property
    def version(self) -> str:
        return package_version(self.directory)

    @property
    def moving_tags(self) -> tuple[str, str]:
        """The tags that follow the newest build: the package's version, and latest for compose."""
        return self.version, "latest"

    def missing_setup_files(self) -> str | None:
        """What `make setup` should have made for this image and has not, or None."""
        made = MADE_BY_SETUP.get(self.component.name)
        if made is None or any(path.is_file() for path in (self.root / made).glob("*.js")):
            return None
        return f"{self.name} needs {made}, which `make setup` makes: run it first"

    def inputs(self) -> list[Path]:
        """The files its build reads: the Dockerfile and what it copies from the repository."""
        files = context_files(self.root, copy_sources(self.dockerfile), ignore_patterns(self.root))
        return sorted({self.dockerfile, *files})

    def content_tag(self, base_id: str) -> str:
        """`<version>-<digest>`: the same inputs and base give the same tag, any change another."""
        digest = hashlib.sha256(f"base {base_id}\n".encode())
        for path in self.inputs():
            executable = "x" if path.stat().st_mode & 0o111 else "-"
            content = hashlib.sha256(path.read_bytes()).hexdigest()
            digest.update(f"{path.relative_to(self.root).as_posix()} {executable} {content}\n".encode())
        return f"{self.version}-{digest.hexdigest()[:12]}"


IMAGES = tuple(Image(component) for component in COMPONENTS)


def images_named(names: list[str]) -> list[Image]:
    known = {image.component.name: image for image in IMAGES}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ImageError(f"no image for {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[name] for name in names] if names else list(IMAGES)


def ensure_local_base(reference: str = LOCAL_BASE) -> None:
    """Make the Debian base once (about a minute): a minimal root filesystem with Python, imported."""
    if image_exists(reference):
        return
    if shutil.which("debootstrap") is None:
        raise ImageError("debootstrap is not installed: `make system-packages` installs it")
    print(f"Making the base image {reference} from Debian {BASE_SUITE} (once; about a minute).", flush=True)
    rootfs = Path(tempfile.mkdtemp(prefix="marketplace-base-", dir="/var/tmp"))
    try:
        made = subprocess.run(
            ["debootstrap", "--variant=minbase", f"--include={BASE_PACKAGES}", BASE_SUITE, str(rootfs)],
            capture_output=True, text=True,
        )
        if made.returncode != 0:
            raise ImageError(f"debootstrap failed:\n{made.stdout[-2000:]}{made.stderr[-2000:]}")
        for pattern in BASE_LEFT_OUT:
            for path in rootfs.glob(pattern):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
        imported = subprocess.run(["podman", "import", "--change", 'CMD ["/bin/bash"]', "-", reference],
                                  stdin=tar.stdout, capture_output=True, text=True)
        tar.stdout.close()
        if tar.wait() != 0 or imported.returncode != 0:
            raise ImageError(f"importing the base failed:\n{imported.stderr}")
    finally:
        shutil.rmtree(rootfs, ignore_errors=True)


def git_revision(root: Path = ROOT) -> str:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def source_url(root: Path = ROOT) -> str:
    done = subprocess.run(["git", "-C", str(root), "config", "--get", "remote.origin.url"],
                          capture_output=True, text=True)
    return done.stdout.strip() or root.as_uri()


@dataclass(frozen=True)
class Built:
    image: Image
    tag: str
    built: bool
    seconds: float

    def __str__(self) -> str:
        if self.built:
            return f"{self.image.name}:{self.tag} built in {self.seconds:.0f} s"
        return f"{self.image.name}:{self.tag} kept (its inputs have not changed)"


def build_command(image: Image, base: str, tag: str) -> list[str]:
    labels = {
        f"{OCI}.title": image.name,
        f"{OCI}.version": image.version,
        f"{OCI}.revision": git_revision(image.root),
        f"{OCI}.source": source_url(image.root),
    }
    command = ["build", "--network", "host", "--build-arg", f"BASE_IMAGE={base}", "-f", str(image.dockerfile)]
    if CA_BUNDLE.is_file():
        command += ["--volume", f"{CA_BUNDLE}:{CA_BUNDLE}:ro"]
    for key, value in labels.items():
        command += ["--label", f"{key}={value}"]
    for name in (tag, *image.moving_tags):
        command += ["--tag", f"{image.name}:{name}"]
    return [*command, str(image.root)]


def build(images: list[Image], base: str = LOCAL_BASE, log=partial(print, flush=True)) -> list[Built]:
    """Build every image whose content tag is missing; the others keep their tags untouched."""
    results = []
    with machine_lock():
        if base == LOCAL_BASE:
            ensure_local_base()
        base_id = image_id(base)
        for image in images:
            tag = image.content_tag(base_id)
            started = time.monotonic()
            built = not image_exists(f"{image.name}:{tag}")
            if built:
                missing = image.missing_setup_files()
                if missing:
                    raise ImageError(missing)
                podman(*build_command(image, base, tag))
            else:
                point_moving_tags(image, tag)
            results.append(Built(image, tag, built, time.monotonic() - started))
            log(str(results[-1]))
    return results


def point_moving_tags(image: Image, tag: str) -> None:
    """The version and latest tags name the image of these inputs, as after a build: back on an
    earlier commit, say, they name that commit's image again."""
    wanted = image_id(f"{image.name}:{tag}")
    for moving in image.moving_tags:
        reference = f"{image.name}:{moving}"
        if not image_exists(reference) or image_id(reference) != wanted:
            podman("tag", wanted, reference)


def listing(images: list[Image], base: str = LOCAL_BASE) -> str:
    base_id = image_id(base) if image_exists(base) else "missing"
    rows = []
    for image in images:
        tag = image.content_tag(base_id)
        reference = f"{image.name}:{tag}"
        if image_exists(reference):
            size = int(podman("image", "inspect", "--format", "{{.Size}}", reference).stdout)
            state = f"{size / 1e6:.0f} MB"
        else:
            state = "not built"
        rows.append(f"{image.name:<22} {image.version:<8} {tag:<22} {state}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.images", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("build", "list"))
    names = ", ".join(image.component.name for image in IMAGES)
    parser.add_argument("components", nargs="*", help=f"{names} (default: all)")
    parser.add_argument("--base", default=LOCAL_BASE, help=f"the base image (default {LOCAL_BASE}, made here once)")
    arguments = parser.parse_args(argv)
    try:
        images = images_named(arguments.components)
        if arguments.command == "build":
            build(images, arguments.base)
        else:
            print(listing(images, arguments.base))
    except ImageError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
