"""An upload is checked one way: its size, its kind read from its bytes, an image's pixels, the name it is shown by;
each refusal is a 4xx problem whose type names what was uploaded."""
import io

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from servicekit.images import ACCEPTED_FORMATS
from servicekit.problems import Problem
from servicekit.uploads import IMAGE_TYPES, Accepted, checked_upload, images

DOCUMENTS = Accepted("document", {"application/pdf": "PDF", "image/png": "PNG"})
PHOTOS = images("photo", max_pixels=1000, field="photos")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def image_bytes(size=(30, 20), image_format="PNG"):
    encoded = io.BytesIO()
    Image.new("RGB", size, "teal").save(encoded, format=image_format)
    return encoded.getvalue()


def sent(content, filename="upload.bin", content_type="application/octet-stream"):
    return FileStorage(io.BytesIO(content), filename=filename, content_type=content_type)


def refusal(file, accepted, max_bytes, **kwargs) -> Problem:
    with pytest.raises(Problem) as refused:
        checked_upload(file, accepted, max_bytes, **kwargs)
    return refused.value


def test_a_file_is_known_by_its_bytes_whatever_it_is_called_or_declared():
    checked = checked_upload(sent(PDF, "scan.png", "image/png"), DOCUMENTS, 1024)

    assert (checked.content, checked.content_type, checked.filename) == (PDF, "application/pdf", "scan.png")
    assert (checked.width, checked.height) == (None, None)


def test_an_image_is_decoded_and_measured():
    content = image_bytes((30, 20), "WEBP")

    checked = checked_upload(sent(content), PHOTOS, 10_000)

    assert (checked.content, checked.content_type, checked.width, checked.height) == (content, "image/webp", 30, 20)


def test_a_file_one_byte_over_the_limit_is_too_large_and_the_rest_is_never_read():
    stream = io.BytesIO(PDF + b"\0" * 10_000)

    problem = refusal(FileStorage(stream), DOCUMENTS, len(PDF))

    assert (problem.status, problem.slug, problem.extra["max_bytes"]) == (413, "document-too-large", len(PDF))
    assert stream.tell() == len(PDF) + 1
    assert checked_upload(sent(PDF), DOCUMENTS, len(PDF)).content == PDF


@pytest.mark.parametrize(("max_bytes", "told"), [(2, "2 bytes"), (2 * 1024 * 1024, "2 MiB (2097152 bytes)")])
def test_the_size_limit_is_told_in_mebibytes_when_it_is_a_whole_number_of_them(max_bytes, told):
    problem = refusal(sent(b"\0" * (max_bytes + 1)), DOCUMENTS, max_bytes)

    assert str(problem.detail) == f"A document may be at most {told}."


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00" + b"\0" * 60, b"GIF89a" + b"\0" * 16, b"<svg xmlns='http://www.w3.org/2000/svg'/>", b""]
)
def test_a_kind_not_accepted_is_refused_with_the_kinds_that_are(content):
    problem = refusal(sent(content, "certificate.pdf", "application/pdf"), DOCUMENTS, 1024)

    assert (problem.status, problem.slug, str(problem.title)) == (422, "document-type-refused", "Unsupported document type")
    assert problem.to_dict("en")["errors"] == {"file": ["Upload a PDF or PNG document; the type is read from the file's "
                                                "content, not its name."]}


def test_a_damaged_image_is_refused_as_no_image():
    problem = refusal(sent(image_bytes()[:60]), PHOTOS, 10_000)

    assert (problem.status, problem.slug) == (422, "photo-type-refused")


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded():
    problem = refusal(sent(image_bytes((40, 26))), PHOTOS, 10_000)

    assert (problem.status, problem.slug, problem.extra["max_pixels"]) == (422, "photo-too-many-pixels", 1000)
    assert problem.to_dict("en")["errors"] == {"photos": ["A photo may have at most 0.001 megapixels."]}


def test_which_of_several_files_was_refused_is_told():
    problem = refusal(sent(b"plain text"), PHOTOS, 10_000, position=2)

    assert str(problem.detail).startswith("Photo 2: Upload a JPEG, PNG or WebP photo;")
    assert problem.to_dict("en")["errors"]["photos"][0].startswith("Upload a JPEG, PNG or WebP photo;")


@pytest.mark.parametrize(
    ("filename", "shown"), [("../../etc/사업자등록증.pdf", "사업자등록증.pdf"), ("bad\r\nname.pdf", "badname.pdf"), (None, "document")]
)
def test_the_filename_shown_names_no_folder_and_holds_no_control_character(filename, shown):
    assert checked_upload(sent(PDF, filename), DOCUMENTS, 1024).filename == shown


def test_the_filename_shown_is_cut_to_the_length_its_place_keeps():
    short_names = Accepted("attachment", {"application/pdf": "PDF"}, max_filename_length=200)

    assert checked_upload(sent(PDF, "가" * 300 + ".pdf"), short_names, 1024).filename == "가" * 200
    assert checked_upload(sent(PDF, "a" * 300 + ".pdf"), DOCUMENTS, 1024).filename == "a" * 255


def test_the_image_kinds_named_are_those_that_are_decoded():
    assert set(IMAGE_TYPES) == set(ACCEPTED_FORMATS.values())
