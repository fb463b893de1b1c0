"""The images (D2): each component's image built here with podman, once for the run (unchanged images and
layers are reused), labelled and tagged by version and content, running as uid 10001 with no build leftovers.
They run in test_compose.py, all together as docker-compose.yml starts them: migrations, web and worker
containers, an order through the gateway, the pages with their scripts.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from deploy.images import (IMAGES, MADE_BY_SETUP, OCI, Image, build, copy_sources, git_revision, image_id,
                           package_version)
from deploy.layout import COMPONENTS, ROOT

# The uid every image runs as; compose's key generator hands the identity keys to it.
APP_UID = 10001


def podman(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(["podman", *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def images() -> dict[str, str]:
    """Every component's image, built now where its inputs changed: component name -> image reference."""
    if shutil.which("podman") is None:
        message = "podman is not installed: `make system-packages` installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {built.image.component.name: f"{built.image.name}:{built.tag}" for built in build(list(IMAGES))}


def labels_of(reference: str) -> dict[str, str]:
    inspected = podman("image", "inspect", "--format", "{{json .Labels}}", reference)
    assert inspected.returncode == 0, inspected.stderr
    return json.loads(inspected.stdout)


@pytest.mark.parametrize("image", IMAGES, ids=lambda image: image.component.name)
def test_every_image_carries_its_version_and_commit_and_is_tagged_by_version_and_content(images, image):
    reference = images[image.component.name]
    labels = labels_of(reference)

    assert labels[f"{OCI}.title"] == image.name
    assert labels[f"{OCI}.version"] == image.version
    assert labels[f"{OCI}.source"]
    # An image whose inputs have not changed since keeps the commit it was built at.
    revision = labels[f"{OCI}.revision"]
    built_here = subprocess.run(["git", "-C", str(ROOT), "merge-base", "--is-ancestor", revision, "HEAD"])
    assert revision == git_revision() or built_here.returncode == 0, revision
    assert reference.split(":")[1].startswith(f"{image.version}-")
    for tag in image.moving_tags:
        assert image_id(f"{image.name}:{tag}") == image_id(reference), f"{tag} names another image"


def as_template(image: Image) -> str:
    """The Dockerfile less its opening comment (what the image holds), with <directory> and <name> for its own; a
    component without a database copies no migrations."""
    directory = image.directory.relative_to(ROOT).as_posix()
    text = image.dockerfile.read_text().split("\n", 1)[1].replace(f"{directory}/", "<directory>/")
    text = text.replace(f"./{directory}", "./<directory>").replace(image.component.name, "<name>")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(
        ("COPY <directory>/alembic.ini ", "COPY <directory>/migrations/ ", "# Build from the repository root")))


def test_every_dockerfile_is_the_same_steps_with_its_own_package():
    """The steps before a service's own are shared layers only while they stay the same in every Dockerfile."""
    templates = {image.component.name: as_template(image) for image in IMAGES}

    assert len(set(templates.values())) == 1, "a Dockerfile differs from the others in more than its package"


def test_packages_have_versions_of_their_own_and_pin_the_libraries_they_build_on():
    versions = {image.component.name: image.version for image in IMAGES}
    libraries = {library: package_version(ROOT / path) for library, path in
                 (("contracts", "contracts"), ("servicekit", "libs/servicekit"))}

    # Versions move with each package's own releases, not in one step for all.
    assert len(set(versions.values())) > 1, f"every component has the same version: {versions}"
    assert f'"marketplace-contracts=={libraries["contracts"]}"' in (ROOT / "libs/servicekit/pyproject.toml").read_text()
    for image in IMAGES:
        pyproject = (image.directory / "pyproject.toml").read_text()
        # Every image builds on servicekit; the pages (web) read no events and need no contracts of their own.
        named = [library for library in libraries if f'"marketplace-{library}==' in pyproject]
        assert "servicekit" in named, f"{image.name} does not name servicekit"
        for library in named:
            version = libraries[library]
            assert f'"marketplace-{library}=={version}"' in pyproject, f"{image.name} does not pin {library} {version}"


def test_images_whose_inputs_have_not_changed_are_kept_without_a_build(images):
    started = time.monotonic()
    again = build(list(IMAGES), log=lambda line: None)

    assert [built.built for built in again] == [False] * len(IMAGES)
    assert {built.image.component.name: f"{built.image.name}:{built.tag}" for built in again} == images
    assert time.monotonic() - started < 30


def test_a_kept_image_takes_back_its_version_and_latest_tags(images):
    orders = next(image for image in IMAGES if image.component.name == "orders")
    for tag in orders.moving_tags:
        podman("tag", images["gateway"], f"{orders.name}:{tag}")

    [kept] = build([orders], log=lambda line: None)

    assert not kept.built
    assert {image_id(f"{orders.name}:{tag}") for tag in orders.moving_tags} == {image_id(images["orders"])}


@pytest.fixture
def repository_copy(tmp_path) -> Path:
    """The repository's files as an image build reads them, to change freely."""
    copy = tmp_path / "repository"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", ".venvs", "var", "__pycache__"))
    return copy


def content_tags(root: Path) -> dict[str, str]:
    return {image.component.name: Image(image.component, root).content_tag("base") for image in IMAGES}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before if before[name] != after[name]}


def touch(path: Path) -> None:
    path.write_text(path.read_text() + "\n# changed\n")


def test_a_change_to_one_service_changes_the_content_tag_of_its_image_alone(repository_copy):
    before = content_tags(repository_copy)

    touch(repository_copy / "services/orders/orders/app.py")

    assert changed(before, content_tags(repository_copy)) == {"orders"}


def test_a_change_to_servicekit_contracts_or_the_gunicorn_settings_changes_every_content_tag(repository_copy):
    for shared in ("libs/servicekit/servicekit/db.py", "contracts/contracts/__init__.py", "deploy/gunicorn.conf.py"):
        before = content_tags(repository_copy)

        touch(repository_copy / shared)

        assert changed(before, content_tags(repository_copy)) == {image.component.name for image in IMAGES}, shared


def test_tests_and_other_files_the_images_do_not_hold_change_no_content_tag(repository_copy):
    before = content_tags(repository_copy)

    touch(repository_copy / "services/orders/tests/conftest.py")
    touch(repository_copy / "tests/conftest.py")
    touch(repository_copy / "README.md")

    assert changed(before, content_tags(repository_copy)) == set()


def test_another_base_image_changes_every_content_tag():
    tags = [{image.name: image.content_tag(base) for image in IMAGES} for base in ("sha256:one", "sha256:two")]

    assert all(tags[0][name] != tags[1][name] for name in tags[0])


@pytest.mark.parametrize("image", IMAGES, ids=lambda image: image.component.name)
def test_images_run_as_uid_10001_and_hold_no_pip_compiler_or_build_leftovers(images, image):
    reference = images[image.component.name]
    user = podman("run", "--rm", reference, "id", "-u")
    pip = podman("run", "--rm", reference, "python", "-m", "pip", "--version")
    ensurepip = podman("run", "--rm", reference, "python", "-m", "ensurepip", "--version")
    tools = podman("run", "--rm", reference, "sh", "-c",
                   "for tool in gcc cc c++ make pip pip3; do command -v $tool; done")
    leftovers = podman("run", "--rm", "--user", "0", reference, "sh", "-c",
                       "ls -d /wheels /src /opt/pip /root/.cache /tmp/* 2>/dev/null; true")

    assert user.stdout.strip() == str(APP_UID)
    assert pip.returncode != 0 and "No module named pip" in pip.stderr
    assert ensurepip.returncode != 0
    assert tools.stdout == ""
    assert leftovers.stdout == ""


def test_a_dockerfile_copies_migrations_exactly_when_its_component_has_a_database():
    for image in IMAGES:
        copies = copy_sources(image.dockerfile)
        directory = image.directory.relative_to(ROOT).as_posix()
        assert (f"{directory}/migrations/" in copies) == image.component.has_database, image.name


def test_the_web_image_is_not_built_without_the_browser_libraries_make_setup_brings(repository_copy):
    web = Image(next(c for c in COMPONENTS if c.name == "web"), repository_copy)
    assert web.missing_setup_files() is None
    shutil.rmtree(repository_copy / MADE_BY_SETUP["web"])

    assert "make setup" in web.missing_setup_files()
