"""Reading and checking the files organizers import their roles from (CSV or XLSX), row by row.

A file is read into a `Table` (its header and its rows as text), then checked against the database:
every cell that cannot be imported becomes a `Problem` naming its row and column. The rows that pass go
through `services.registry.roles_import`, which creates and updates the roles in one transaction and undoes
it whole for a dry run or when any row is bad: a file with a bad row imports nothing.

The file's columns use the language codes people know (`title_id` for Indonesian, `title_pt_br`); the
model's columns are modeltranslation's (`title_ind`, `title_pt_br`), mapped here.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from leadership.common.validators import validate_no_control_characters

from .enums import Importance, Level, RoleKind, Selection
from .models import Competency, Language, Organization, Role, RoleRequirement
from .services.registry import RequirementInput, RoleImportRow, roles_import

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500  # one request checks and writes every row twice (dry run, confirm): keep it well under a worker timeout
# An XLSX file is a zip archive: 2 MB of it may unpack to far more. Beyond this, it is refused unread.
MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024
TITLE_MAX_LENGTH = Role._meta.get_field("title").max_length or 200
TEXT_FIELDS = ("title", "description", "responsibilities")
SHAPE_COLUMNS = ("kind", "seats", "selection", "term_length_months", "term_limit", "hours_per_week")
TRUE_WORDS = frozenset({"yes", "true", "1"})
FALSE_WORDS = frozenset({"no", "false", "0"})
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
LIST_SEPARATORS = re.compile(r"[\s,;]+")
MAX_ID_DIGITS = 18  # beyond, no database column holds the number: it is no role's id


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, too large, not UTF-8... (shown on the form)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Table:
    """A file's header and its non-empty rows as text, each with its row number (the header is row 1)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def as_json(self) -> dict[str, Any]:
        return {"headers": list(self.headers), "rows": [[number, list(cells)] for number, cells in self.rows]}

    @classmethod
    def from_json(cls, data: Any) -> Table:
        """The table kept between a dry run and its confirmation; anything malformed raises ValueError."""
        try:
            headers = tuple(str(header) for header in data["headers"])
            rows = tuple((int(number), tuple(str(cell) for cell in cells)) for number, cells in data["rows"])
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError("not an import table") from error
        return cls(headers=headers, rows=rows)


@dataclass(frozen=True)
class Problem:
    """Why a cell (or a whole row, with column "") cannot be imported."""

    row: int
    column: str
    message: str


@dataclass
class PreviewRow:
    """What one row does (or would do): create or update which role, with which requirements."""

    number: int
    role_id: int | None
    title: str
    requirements: list[str] | None  # None: left as they are
    languages: list[str] | None  # None: left as they are
    notes: list[str] = field(default_factory=list)
    has_problems: bool = False

    @property
    def action(self) -> str:
        return "update" if self.role_id is not None else "create"


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[PreviewRow]
    problems: list[Problem]
    created: int = 0
    updated: int = 0
    imported: bool = False

    @property
    def bad_rows(self) -> int:
        return len({problem.row for problem in self.problems})


# --- Columns ---------------------------------------------------------------------------------------


def _file_code(code: str) -> str:
    """The language code as the file writes it: pt-br → pt_br; Indonesian stays id (the model says ind)."""
    return code.replace("-", "_")


def text_columns(name: str) -> list[str]:
    return [f"{name}_{_file_code(code)}" for code in settings.MODELTRANSLATION_LANGUAGES]


def model_fields_by_column() -> dict[str, str]:
    """The file's per-language columns → the model's: title_id → title_ind, title_pt_br → title_pt_br..."""
    mapping: dict[str, str] = {}
    for name in TEXT_FIELDS:
        for code in settings.MODELTRANSLATION_LANGUAGES:
            mapping[f"{name}_{_file_code(code)}"] = build_localized_fieldname(name, code)
    return mapping


def columns() -> list[str]:
    """Every column a file may have, in the template's order."""
    return [
        "id",
        *text_columns("title"),
        *text_columns("description"),
        *text_columns("responsibilities"),
        *SHAPE_COLUMNS,
        "open_for_nominations",
        "languages",
        "requirements",
    ]


def column_for_field(name: str) -> str:
    """The file's column for a model field named in a service's error ("" when no single column)."""
    reverse = {model: column for column, model in model_fields_by_column().items()}
    if name in reverse:
        return reverse[name]
    return name if name in columns() else ""


def column_help() -> list[dict[str, Any]]:
    """The columns as the import page documents them."""
    kinds = ", ".join(RoleKind.values)
    return [
        {
            "names": ["id"],
            "help": _(
                "Optional. The number of one of this organisation's roles (as in its address, /roles/<number>/) "
                "to update that role; leave it empty to create a new role."
            ),
        },
        {
            "names": text_columns("title"),
            "help": _(
                "The role's title in English, French, Spanish, Brazilian Portuguese, Indonesian and Arabic. "
                "A new role needs a title in at least one language; two roles of the file cannot share one."
            ),
        },
        {
            "names": text_columns("description"),
            "help": _("Optional. The role's description in each language."),
        },
        {
            "names": text_columns("responsibilities"),
            "help": _("Optional. The role's responsibilities in each language."),
        },
        {
            "names": ["kind"],
            "help": _("One of: %(kinds)s. Empty: volunteer for a new role, unchanged for a role you update.")
            % {"kinds": kinds},
        },
        {
            "names": ["seats"],
            "help": _(
                "How many people hold the role at the same time, from 1 to 500. Empty: 1 for a new role, "
                "unchanged for a role you update."
            ),
        },
        {
            "names": ["selection"],
            "help": _(
                "elected or appointed. Empty: appointed for a new role, unchanged for a role you update."
            ),
        },
        {
            "names": ["term_length_months"],
            "help": _("The length of a term in months, from 1 to 120; empty for none."),
        },
        {
            "names": ["term_limit"],
            "help": _("How many consecutive terms one person may serve, from 1 to 20; empty for no limit."),
        },
        {
            "names": ["hours_per_week"],
            "help": _(
                "Expected hours per week, from 0 to 80, with at most one decimal (2.5); empty for unknown."
            ),
        },
        {
            "names": ["open_for_nominations"],
            "help": _(
                "yes, no, true, false, 1 or 0. Empty: no for a new role, unchanged for a role you update."
            ),
        },
        {
            "names": ["languages"],
            "help": _(
                "The codes of the languages the role is done in, separated by spaces or commas: en fr pt-br."
            ),
        },
        {
            "names": ["requirements"],
            "help": _(
                "The competencies the role needs, separated by semicolons, each as competency:level:importance, "
                "for example budgeting:3:essential; facilitation:2:desirable. The competency is the last part "
                "of its page's address; the level goes from 1 to 4; the importance is essential or desirable "
                "(essential when left out)."
            ),
        },
    ]


# --- Reading files ---------------------------------------------------------------------------------


def read_upload(upload: UploadedFile) -> Table:
    """Read an uploaded CSV or XLSX file into a table, or raise ImportFileError with a translated message."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(
            _("Upload a .csv or .xlsx file: a spreadsheet saved as “CSV UTF-8” or as an Excel workbook.")
        )
    if (upload.size or 0) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(limit)s: split it in several files.")
            % {"limit": filesizeformat(MAX_FILE_BYTES)}
        )
    upload.seek(0)
    content = upload.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(limit)s: split it in several files.")
            % {"limit": filesizeformat(MAX_FILE_BYTES)}
        )
    return read_bytes(content)


def read_bytes(content: bytes) -> Table:
    """A CSV or XLSX file's content, told apart by what it holds rather than by its name."""
    if content.startswith(XLSX_MAGIC):
        return read_xlsx(content)
    if content.startswith(OLE_MAGIC):
        raise ImportFileError(
            _("This is an old Excel file (.xls): save it as an Excel workbook (.xlsx) or as “CSV UTF-8”.")
        )
    return read_csv(content)


def _cell_text(value: Any) -> str:
    """A cell as text: numbers without a useless .0, booleans as true/false, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _table(dataset: tablib.Dataset, numbers: Iterable[int]) -> Table:
    headers = tuple(_cell_text(header) for header in (dataset.headers or []))
    if not any(header.strip() for header in headers):
        raise ImportFileError(
            _("The file is empty: its first row names the columns, the next rows are roles.")
        )
    rows: list[tuple[int, tuple[str, ...]]] = []
    for number, row in zip(numbers, dataset, strict=False):
        cells = tuple(_cell_text(value) for value in row)
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            break
    if not rows:
        raise ImportFileError(_("The file has no roles: add one role per row below the row of column names."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(limit)s rows: import at most %(limit)s roles at a time.")
            % {"limit": number_format(MAX_ROWS, force_grouping=True)}
        )
    return Table(headers=headers, rows=tuple(rows))


def _delimiter(text: str) -> str:
    """Comma or semicolon (spreadsheets in many languages write semicolons), by the header line."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _long_rows(text: str, delimiter: str) -> list[int]:
    """Row numbers (as the table numbers them) of rows with more cells than the header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    width, numbers, number = None, [], 1
    for cells in reader:
        if not cells:
            continue
        if width is None:
            width = len(cells)
            continue
        number += 1
        if len(cells) > width:
            numbers.append(number)
    return numbers


def read_csv(content: bytes) -> Table:
    """UTF-8 text (with or without a byte-order mark), comma- or semicolon-separated.

    Lines that are wholly empty are skipped and not counted: row 2 is the first row of values.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” (or as .xlsx).")
        ) from error
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV text file: save it as “CSV UTF-8” or as .xlsx."))
    delimiter = _delimiter(text)
    try:
        dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except tablib.InvalidDimensions as error:
        numbers = _long_rows(text, delimiter)
        raise ImportFileError(
            ngettext(
                "Row %(rows)s has more cells than the first row has column names.",
                "Rows %(rows)s have more cells than the first row has column names.",
                len(numbers),
            )
            % {"rows": ", ".join(str(number) for number in numbers[:20])}
        ) from error
    except csv.Error as error:
        raise ImportFileError(
            _("The file could not be read as CSV: check that it was saved as “CSV UTF-8”.")
        ) from error
    return _table(dataset, itertools.count(2))


def read_xlsx(content: bytes) -> Table:
    """The first (active) sheet of an Excel workbook; its first row names the columns."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from error
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportFileError(
            _("The workbook holds more than %(limit)s once unpacked: split it in several files.")
            % {"limit": filesizeformat(MAX_XLSX_UNPACKED_BYTES)}
        )
    try:
        dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    except tablib.InvalidDimensions as error:
        raise ImportFileError(
            _("Some rows have more cells than the first row has column names: name every column you fill.")
        ) from error
    except Exception as error:  # a damaged workbook makes openpyxl raise errors of many kinds
        raise ImportFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from error
    # openpyxl keeps empty rows, so a row's number is its number in the spreadsheet.
    return _table(dataset, itertools.count(2))


# --- Checking rows ---------------------------------------------------------------------------------


class _CellError(Exception):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def _whole_number(text: str, low: int, high: int, message: Any) -> int:
    try:
        number = int(text)
    except ValueError:
        raise _CellError(message) from None
    if not low <= number <= high:
        raise _CellError(message)
    return number


def _hours(text: str) -> Decimal:
    message = _("Give the hours as a number from 0 to 80 with at most one decimal, for example 2.5.")
    try:
        hours = Decimal(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except InvalidOperation:
        raise _CellError(message) from None
    if (
        not hours.is_finite()
        or not Decimal(0) <= hours <= Decimal(80)
        or hours != hours.quantize(Decimal("0.1"))
    ):
        raise _CellError(message)
    return hours.quantize(Decimal("0.1"))


def _choice(text: str, values: list[str], message: Any) -> str:
    value = re.sub(r"[\s-]+", "_", text.lower())
    if value not in values:
        raise _CellError(message)
    return value


def _yes_no(text: str) -> bool:
    value = text.lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise _CellError(_("Write yes or no (or true, false, 1, 0)."))


def _language_codes(text: str) -> list[str]:
    codes: list[str] = []
    for part in LIST_SEPARATORS.split(text):
        code = part.strip().lower().replace("_", "-")
        if code and code not in codes:
            codes.append(code)
    return codes


@dataclass(frozen=True)
class _RequirementText:
    slug: str
    level: str
    importance: str


def _requirement_items(text: str) -> list[_RequirementText | str]:
    """Each `slug:level[:importance]`, or the raw text of an item that does not have that form."""
    items: list[_RequirementText | str] = []
    for raw in re.split(r"[;\n]", text):
        item = raw.strip()
        if not item:
            continue
        parts = [part.strip() for part in item.split(":")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            items.append(item)
            continue
        importance = parts[2].lower() if len(parts) == 3 and parts[2] else Importance.ESSENTIAL
        items.append(_RequirementText(slug=parts[0].lower(), level=parts[1], importance=importance))
    return items


class _Checker:
    """Checks a table's rows against the organisation and the registry, with a few queries for the file."""

    def __init__(self, *, organization: Organization, table: Table) -> None:
        self.organization = organization
        self.table = table
        self.problems: list[Problem] = []
        self.known = set(columns())
        self.models = model_fields_by_column()
        self.index: dict[str, int] = {}
        self._read_header()
        self._load()

    # The header ---------------------------------------------------------------------------------

    def _read_header(self) -> None:
        for position, header in enumerate(self.table.headers):
            name = re.sub(r"[\s-]+", "_", header.strip().lower())
            if not name:
                if any(position < len(cells) and cells[position].strip() for _n, cells in self.table.rows):
                    self.problem(
                        1,
                        "",
                        _("Column %(position)d has values but no name in the first row.")
                        % {"position": position + 1},
                    )
                continue
            if name not in self.known:
                self.problem(
                    1,
                    header.strip(),
                    _("Unknown column “%(column)s”: the import page lists the columns a file may have.")
                    % {"column": header.strip()},
                )
            elif name in self.index:
                self.problem(1, name, _("This column appears twice: keep one."))
            else:
                self.index[name] = position

    def problem(self, row: int, column: str, message: Any) -> None:
        self.problems.append(Problem(row=row, column=column, message=str(message)))

    def has(self, column: str) -> bool:
        return column in self.index

    def cell(self, cells: tuple[str, ...], column: str) -> str:
        position = self.index.get(column)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    # What the file refers to, in a few queries ----------------------------------------------------

    def _load(self) -> None:
        ids: set[int] = set()
        slugs: set[str] = set()
        codes: set[str] = set()
        for _number, cells in self.table.rows:
            text = self.cell(cells, "id")
            if text.isdecimal() and len(text) <= MAX_ID_DIGITS:
                ids.add(int(text))
            for item in _requirement_items(self.cell(cells, "requirements")):
                if isinstance(item, _RequirementText):
                    slugs.add(item.slug)
            codes.update(_language_codes(self.cell(cells, "languages")))
        self.roles = {
            role.pk: role for role in Role.objects.filter(organization=self.organization, pk__in=ids)
        }
        self.required: dict[int, set[int]] = {}
        for role_id, competency_id in RoleRequirement.objects.filter(role_id__in=self.roles).values_list(
            "role_id", "competency_id"
        ):
            self.required.setdefault(role_id, set()).add(competency_id)
        self.competencies = {
            competency.slug: competency for competency in Competency.objects.filter(slug__in=slugs)
        }
        self.languages = {language.code: language for language in Language.objects.filter(code__in=codes)}
        title_fields = [self.models[column] for column in text_columns("title")]
        self.existing_titles: dict[tuple[str, str], int] = {}
        for pk, *titles in Role.objects.filter(organization=self.organization).values_list(
            "pk", *title_fields
        ):
            for column, title in zip(text_columns("title"), titles, strict=True):
                if title:
                    self.existing_titles.setdefault((column, title.strip().casefold()), pk)

    # Rows -------------------------------------------------------------------------------------------

    def check(self) -> tuple[list[RoleImportRow], list[PreviewRow]]:
        rows: list[RoleImportRow] = []
        previews: list[PreviewRow] = []
        seen_ids: dict[int, int] = {}
        seen_titles: dict[tuple[str, str], int] = {}
        for number, cells in self.table.rows:
            before = len(self.problems)
            row, preview = self.check_row(number, cells, seen_ids=seen_ids, seen_titles=seen_titles)
            preview.has_problems = len(self.problems) > before
            previews.append(preview)
            if row is not None and not preview.has_problems:
                rows.append(row)
        return rows, previews

    def check_row(
        self,
        number: int,
        cells: tuple[str, ...],
        *,
        seen_ids: dict[int, int],
        seen_titles: dict[tuple[str, str], int],
    ) -> tuple[RoleImportRow | None, PreviewRow]:
        role = self._role(number, cells, seen_ids)
        failed = False
        data: dict[str, Any] = {}
        for column in [
            *text_columns("title"),
            *text_columns("description"),
            *text_columns("responsibilities"),
        ]:
            if self.has(column):
                value = self.cell(cells, column)
                if column.startswith("title_") and not self._title_ok(number, column, value, seen_titles):
                    failed = True
                data[self.models[column]] = value
        id_text = self.cell(cells, "id")
        if role is None and not id_text and not any(data.get(self.models[c]) for c in text_columns("title")):
            self.problem(
                number,
                "title_en" if self.has("title_en") else "",
                _(
                    "A new role needs a title in at least one language (title_en, title_fr, title_es, title_pt_br, title_id or title_ar)."
                ),
            )
            failed = True
        failed |= not self._shape(number, cells, data)
        languages = self._languages(number, cells)
        requirements = self._requirements(number, cells, role)
        failed |= languages is False or requirements is False or (bool(id_text) and role is None)
        preview = PreviewRow(
            number=number,
            role_id=role.pk if role is not None else None,
            title=self._preview_title(data, role),
            requirements=self._preview_list(
                cells,
                "requirements",
                [self._requirement_label(item) for item in requirements]
                if isinstance(requirements, tuple)
                else None,
            ),
            languages=self._preview_list(
                cells,
                "languages",
                [language.code for language in languages] if isinstance(languages, tuple) else None,
            ),
        )
        if role is None:
            preview.notes += self._title_notes(data)
        if failed:
            return None, preview
        return (
            RoleImportRow(
                number=number,
                role=role,
                data=data,
                languages=languages if isinstance(languages, tuple) else None,
                requirements=requirements if isinstance(requirements, tuple) else None,
            ),
            preview,
        )

    def _role(self, number: int, cells: tuple[str, ...], seen_ids: dict[int, int]) -> Role | None:
        text = self.cell(cells, "id")
        if not text:
            return None
        if not text.isdecimal() or int(text) == 0:
            self.problem(
                number,
                "id",
                _("Write the role's number (as in its address), or leave the cell empty to create a role."),
            )
            return None
        pk = int(text)
        role = self.roles.get(pk)
        if role is None:
            self.problem(number, "id", _("No role with id %(id)s belongs to this organisation.") % {"id": pk})
            return None
        if pk in seen_ids:
            self.problem(
                number,
                "id",
                _("Row %(row)d already updates this role: a role can appear once.") % {"row": seen_ids[pk]},
            )
            return None
        seen_ids[pk] = number
        return role

    def _title_ok(self, number: int, column: str, value: str, seen: dict[tuple[str, str], int]) -> bool:
        if not value:
            return True
        ok = True
        if len(value) > TITLE_MAX_LENGTH:
            self.problem(
                number,
                column,
                _("A title has at most %(limit)d characters; this one has %(length)d.")
                % {"limit": TITLE_MAX_LENGTH, "length": len(value)},
            )
            ok = False
        try:
            validate_no_control_characters(value)
        except ValidationError as error:
            self.problem(number, column, error.messages[0])
            ok = False
        if "\n" in value:
            self.problem(number, column, _("A title fits on one line: remove its line breaks."))
            ok = False
        key = (column, value.casefold())
        if key in seen:
            self.problem(
                number,
                column,
                _("Row %(row)d has the same title: give each role of the file its own title.")
                % {"row": seen[key]},
            )
            ok = False
        else:
            seen[key] = number
        return ok

    def _shape(self, number: int, cells: tuple[str, ...], data: dict[str, Any]) -> bool:
        """kind, seats, selection, term length and limit, hours, open for nominations."""
        ok = True
        checks: list[tuple[str, Any]] = [
            (
                "kind",
                lambda text: _choice(
                    text,
                    list(RoleKind.values),
                    _("Unknown kind “%(value)s”: write one of %(kinds)s.")
                    % {"value": text, "kinds": ", ".join(RoleKind.values)},
                ),
            ),
            (
                "seats",
                lambda text: _whole_number(
                    text, 1, 500, _("Write the number of seats as a whole number from 1 to 500.")
                ),
            ),
            (
                "selection",
                lambda text: _choice(text, list(Selection.values), _("Write elected or appointed.")),
            ),
            (
                "term_length_months",
                lambda text: _whole_number(
                    text,
                    1,
                    120,
                    _("Write the term length as a whole number of months from 1 to 120, or leave it empty."),
                ),
            ),
            (
                "term_limit",
                lambda text: _whole_number(
                    text,
                    1,
                    20,
                    _("Write the term limit as a whole number from 1 to 20, or leave it empty for no limit."),
                ),
            ),
            ("hours_per_week", _hours),
            ("open_for_nominations", _yes_no),
        ]
        # Empty means "the default" (new roles) or "unchanged" (updates) for these; "none" for the others.
        keep_when_empty = {"kind", "seats", "selection", "open_for_nominations"}
        for column, convert in checks:
            if not self.has(column):
                continue
            text = self.cell(cells, column)
            if not text:
                if column not in keep_when_empty:
                    data[column] = None
                continue
            try:
                data[column] = convert(text)
            except _CellError as error:
                self.problem(number, column, error.message)
                ok = False
        return ok

    def _languages(self, number: int, cells: tuple[str, ...]) -> tuple[Language, ...] | bool | None:
        if not self.has("languages"):
            return None
        codes = _language_codes(self.cell(cells, "languages"))
        unknown = [code for code in codes if code not in self.languages]
        if unknown:
            self.problem(
                number,
                "languages",
                ngettext(
                    "Unknown language code: %(codes)s. Use codes such as en, fr, es, pt-br, id, ar, sw.",
                    "Unknown language codes: %(codes)s. Use codes such as en, fr, es, pt-br, id, ar, sw.",
                    len(unknown),
                )
                % {"codes": ", ".join(unknown)},
            )
            return False
        return tuple(self.languages[code] for code in codes)

    def _requirements(
        self, number: int, cells: tuple[str, ...], role: Role | None
    ) -> tuple[RequirementInput, ...] | bool | None:
        if not self.has("requirements"):
            return None
        ok = True
        wanted: list[RequirementInput] = []
        seen: set[str] = set()
        already = self.required.get(role.pk, set()) if role is not None else set()
        for item in _requirement_items(self.cell(cells, "requirements")):
            if isinstance(item, str):
                self.problem(
                    number,
                    "requirements",
                    _(
                        "“%(item)s” is not of the form competency:level:importance, for example budgeting:3:essential."
                    )
                    % {"item": item},
                )
                ok = False
                continue
            competency = self.competencies.get(item.slug)
            if competency is None or not (competency.active or competency.pk in already):
                self.problem(
                    number,
                    "requirements",
                    _(
                        "Unknown competency “%(slug)s”: use the last part of the address of its page in the catalogue."
                    )
                    % {"slug": item.slug},
                )
                ok = False
                continue
            if item.slug in seen:
                self.problem(
                    number,
                    "requirements",
                    _(
                        "“%(slug)s” is listed twice in this row: a competency can be required only once per role."
                    )
                    % {"slug": item.slug},
                )
                ok = False
                continue
            seen.add(item.slug)
            if item.level not in {str(level) for level in Level.values}:
                self.problem(
                    number,
                    "requirements",
                    _("The level of “%(slug)s” is “%(level)s”: write 1, 2, 3 or 4.")
                    % {"slug": item.slug, "level": item.level},
                )
                ok = False
                continue
            if item.importance not in Importance.values:
                self.problem(
                    number,
                    "requirements",
                    _("The importance of “%(slug)s” is “%(importance)s”: write essential or desirable.")
                    % {"slug": item.slug, "importance": item.importance},
                )
                ok = False
                continue
            wanted.append(
                RequirementInput(competency=competency, min_level=int(item.level), importance=item.importance)
            )
        return tuple(wanted) if ok else False

    # What the preview shows -----------------------------------------------------------------------

    def _preview_title(self, data: dict[str, Any], role: Role | None) -> str:
        current = get_language() or settings.LANGUAGE_CODE
        order = [current, settings.LANGUAGE_CODE, *settings.MODELTRANSLATION_LANGUAGES]
        for code in order:
            if code not in settings.MODELTRANSLATION_LANGUAGES:
                continue
            title = data.get(build_localized_fieldname("title", code))
            if title:
                return str(title)
        return str(role.title) if role is not None else ""

    def _preview_list(
        self, cells: tuple[str, ...], column: str, checked: list[str] | None
    ) -> list[str] | None:
        """What a cell sets, or (when it could not be read) what it says; None when the file leaves it."""
        if checked is not None or not self.has(column):
            return checked
        return [self.cell(cells, column)]

    @staticmethod
    def _requirement_label(requirement: RequirementInput) -> str:
        return f"{requirement.competency.name} · {Level(requirement.min_level).label} · {Importance(requirement.importance).label}"

    def _title_notes(self, data: dict[str, Any]) -> list[str]:
        notes: list[str] = []
        for column in text_columns("title"):
            title = data.get(self.models[column])
            pk = self.existing_titles.get((column, title.casefold())) if title else None
            if pk is not None:
                note = str(
                    _(
                        "The organisation already has a role with this title (id %(id)d): give its id to update it instead."
                    )
                    % {"id": pk}
                )
                if note not in notes:
                    notes.append(note)
        return notes


def check_table(
    *, organization: Organization, table: Table
) -> tuple[list[RoleImportRow], list[PreviewRow], list[Problem]]:
    """The rows ready for the service, the preview of every row, and the problems found in the file."""
    checker = _Checker(organization=organization, table=table)
    rows, previews = checker.check()
    return rows, previews, checker.problems


def import_table(*, organization: Organization, table: Table, dry_run: bool) -> ImportReport:
    """Check a table and import it, or (dry run, or any bad row) only show what importing it would do.

    The rows that pass the checks still go through the service when others fail, as a dry run, so that the
    report lists the problems only saving finds as well: every bad row is reported at once.
    """
    rows, previews, problems = check_table(organization=organization, table=table)
    result = roles_import(organization=organization, rows=rows, dry_run=dry_run or bool(problems))
    problems = problems + [
        Problem(row=problem.row, column=column_for_field(problem.field), message=problem.message)
        for problem in result.problems
    ]
    problems.sort(key=lambda problem: problem.row)
    bad = {problem.row for problem in problems}
    for preview in previews:
        preview.has_problems = preview.number in bad
    return ImportReport(
        dry_run=dry_run,
        rows=previews,
        problems=problems,
        created=result.created,
        updated=result.updated,
        imported=result.imported,
    )


def template_csv() -> str:
    """The header row of an empty import file."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(columns())
    return buffer.getvalue()
