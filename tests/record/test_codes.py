from __future__ import annotations

import math

from quiz.record import codes


def test_join_codes_leave_out_characters_read_alike_and_carry_30_bits() -> None:
    assert not set("0O1lIS") & set(codes.ALPHABET)
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET) == 30
    assert codes.CODE_BITS >= 30
    assert math.isclose(codes.CODE_BITS, 8 * math.log2(30))
    drawn = {codes.new_join_code() for _ in range(2000)}
    assert len(drawn) == 2000  # 30**8 codes: a repeat in 2,000 would be a broken generator
    assert all(len(code) == 8 and set(code) <= set(codes.ALPHABET) for code in drawn)


def test_a_typed_code_is_read_in_any_case_with_or_without_its_dash() -> None:
    code = "K7RM3XQA"
    assert codes.shown_code(code) == "K7RM-3XQA"
    for typed in ("K7RM-3XQA", "k7rm-3xqa", " k7rm 3xqa ", "K7RM3XQA"):
        assert codes.normal_code(typed) == code
    assert codes.normal_code("K7RM-3XQ") is None  # too short
    assert codes.normal_code("K7RM-3XQO") is None  # O is not in the alphabet
    assert codes.normal_code("") is None


def test_resume_ids_are_128_random_bits() -> None:
    ids = {codes.new_resume_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(value) == 22 and codes.looks_like_resume_id(value) for value in ids)
    assert not codes.looks_like_resume_id("../../etc")
    assert not codes.looks_like_resume_id("short")


def test_display_names_refuse_markup_control_characters_and_length() -> None:
    assert codes.name_problem("Ana L.") is None
    assert codes.name_problem("Zoë (5B)") is None
    assert "at most 40" in (codes.name_problem("a" * 10_000) or "")
    assert "10,000" in (codes.name_problem("a" * 10_000) or "")
    assert "cannot hold <" in (codes.name_problem("<script>alert(1)</script>") or "")
    assert "control" in (codes.name_problem("Ana\x00") or "")
    assert "control" in (codes.name_problem("Ana\u202eevil") or "")  # a right-to-left override
    assert codes.name_problem("   ")
    assert codes.clean_name("  Ana   Lee ") == "Ana Lee"
    assert codes.learner_key("ANA  lee") == codes.learner_key("ana lee")


def test_the_join_links_qr_code_decodes_to_the_link() -> None:
    import io

    import zxingcpp
    from PIL import Image

    link = "https://quiz.example.org/school/?join=K7RM-3XQA"
    png = codes.qr_png(link)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    found = zxingcpp.read_barcodes(image)
    assert [(result.format, result.text) for result in found] == [(zxingcpp.BarcodeFormat.QRCode, link)]
    assert image.size[0] == image.size[1] >= 6 * (21 + 8)  # at least version 1 with its quiet zone, 6 px a module
