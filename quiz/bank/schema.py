"""The JSON Schema of a bank file (draft-07, which editors' YAML extensions support), from the models."""

from __future__ import annotations

import json
from typing import Any

from quiz.bank.model import BankFile

#: The draft the schema declares itself in (its ``$schema``), spelled as draft-07 itself does.
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def bank_schema() -> dict[str, Any]:
    schema = BankFile.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", {})
    return {"$schema": DRAFT_07, **schema, "definitions": definitions}


def schema_text() -> str:
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"
