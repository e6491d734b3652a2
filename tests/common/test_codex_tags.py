"""Codex's markup in one place: the button classes and the message box of every page."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template import Context, Template, TemplateSyntaxError

ICON = '<span class="cdx-message__icon"></span>'


def _render(source: str, **context) -> str:
    return Template("{% load codex %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("arguments", "classes"),
    [
        ("", "cdx-button"),
        (
            "action='progressive' weight='primary'",
            "cdx-button cdx-button--action-progressive cdx-button--weight-primary",
        ),
        (
            "weight='primary' action='progressive'",
            "cdx-button cdx-button--action-progressive cdx-button--weight-primary",
        ),
        ("action='destructive'", "cdx-button cdx-button--action-destructive"),
        (
            "weight='quiet' action='destructive'",
            "cdx-button cdx-button--action-destructive cdx-button--weight-quiet",
        ),
        ("link=True", "cdx-button cdx-button--fake-button cdx-button--fake-button--enabled"),
        (
            "link=True action='progressive' weight='primary'",
            "cdx-button cdx-button--fake-button cdx-button--fake-button--enabled "
            "cdx-button--action-progressive cdx-button--weight-primary",
        ),
        (
            "link=True weight='quiet'",
            "cdx-button cdx-button--fake-button cdx-button--fake-button--enabled cdx-button--weight-quiet",
        ),
        ("action='default'", "cdx-button cdx-button--action-default"),
    ],
)
def test_codex_button_gives_the_classes_in_codex_order(arguments, classes):
    assert _render(f'<a class="{{% codex_button {arguments} %}}">') == f'<a class="{classes}">'


def test_codex_button_as_variable_and_from_variables():
    source = "{% codex_button action=action weight=weight as classes %}[{{ classes }}]"

    assert _render(source, action="progressive", weight="") == "[cdx-button cdx-button--action-progressive]"


@pytest.mark.parametrize("arguments", ["action='primary'", "weight='progressive'", "action='Progressive'"])
def test_codex_button_refuses_what_codex_does_not_have(arguments):
    with pytest.raises(TemplateSyntaxError, match="codex_button: unknown"):
        _render(f"{{% codex_button {arguments} %}}")


def test_codex_message_block_with_role():
    html = _render(
        '{% codex_message "error" role="alert" %}{% for e in errors %}<p>{{ e }}</p>{% endfor %}{% endcodex_message %}',
        errors=["One", "Two"],
    )

    assert html == (
        '<div class="cdx-message cdx-message--block cdx-message--error" role="alert">\n'
        f"  {ICON}\n"
        '  <div class="cdx-message__content"><p>One</p><p>Two</p></div>\n'
        "</div>"
    )


def test_codex_message_inline_with_id_keeps_the_content_as_written():
    html = _render(
        '<td>{% codex_message "error" inline=True id=field_id|add:"_error" %} {{ text }} {% endcodex_message %}</td>',
        field_id="id_title_en",
        text="Required.",
    )

    assert html == (
        '<td><div class="cdx-message cdx-message--inline cdx-message--error" id="id_title_en_error">\n'
        f"  {ICON}\n"
        '  <div class="cdx-message__content"> Required. </div>\n'
        "</div></td>"
    )


def test_codex_message_paragraph_form_uses_p_and_span():
    html = _render('{% codex_message "notice" inline=True paragraph=True %}Waiting.{% endcodex_message %}')

    assert html == (
        '<p class="cdx-message cdx-message--inline cdx-message--notice">'
        f'{ICON}<span class="cdx-message__content">Waiting.</span></p>'
    )


def test_codex_message_escapes_the_content_once():
    html = _render('{% codex_message "warning" %}{{ name }}{% endcodex_message %}', name="<b>Ada & co</b>")

    assert '<div class="cdx-message__content">&lt;b&gt;Ada &amp; co&lt;/b&gt;</div>' in html


@pytest.mark.parametrize(
    ("level", "kind"),
    [
        (constants.ERROR, "error"),
        (constants.SUCCESS, "success"),
        (constants.WARNING, "warning"),
        (constants.INFO, "notice"),
        (constants.DEBUG, "notice"),
    ],
)
def test_codex_message_type_of_a_django_message(level, kind):
    message = Message(level, "Saved.")

    html = _render("{% codex_message message.tags %}{{ message }}{% endcodex_message %}", message=message)

    assert html.split("\n")[0] == f'<div class="cdx-message cdx-message--block cdx-message--{kind}">'


def test_codex_message_type_with_extra_tags_is_a_notice():
    message = Message(constants.ERROR, "Saved.", extra_tags="sticky")

    html = _render("{% codex_message message.tags %}{{ message }}{% endcodex_message %}", message=message)

    assert html.split("\n")[0] == '<div class="cdx-message cdx-message--block cdx-message--notice">'


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ('{% codex_message "danger" %}x{% endcodex_message %}', "codex_message: unknown type 'danger'"),
        ("{% codex_message %}x{% endcodex_message %}", "codex_message needs the message's type"),
        ('{% codex_message "error" colour="red" %}x{% endcodex_message %}', "codex_message takes a type"),
        ('{% codex_message "error" alert %}x{% endcodex_message %}', "codex_message takes a type"),
    ],
)
def test_codex_message_refuses_a_wrong_tag_when_compiled(source, error):
    with pytest.raises(TemplateSyntaxError, match=error):
        Template("{% load codex %}" + source)


@pytest.mark.django_db
def test_codex_tags_run_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        _render(
            '<a class="{% codex_button link=True %}">x</a>{% codex_message "success" %}Done.{% endcodex_message %}'
        )
