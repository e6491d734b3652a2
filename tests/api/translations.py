"""Reading a per-language value back from an API answer asked with `?all_languages=1`."""

from typing import Any

from leadership.common.languages import localized_columns

# {"title_pt_br": ("title", "pt-br"), "name_ind": ("name", "id"), ...} for the registry's translated fields
COLUMNS = {
    column: (field, code)
    for field in ("name", "title", "description", "responsibilities", "descriptor", "text")
    for column, code in localized_columns(field).items()
}
ALL = "all_languages=1"


def value(body: dict[str, Any], key: str) -> Any:
    """`body[key]`, where a per-language column (`title_fr`) is read from `translations`."""
    if key in COLUMNS:
        field, code = COLUMNS[key]
        return body["translations"][field][code]
    return body[key]
