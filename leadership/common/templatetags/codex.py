"""Codex's markup in one place: the classes of buttons and the message box.

`{% load codex %}`, then:

- `<button class="{% codex_button action="progressive" weight="primary" %}">`, and
  `<a class="{% codex_button link=True %}" href="...">` for a link that looks like a button;
- `{% codex_message "error" role="alert" %}…{% endcodex_message %}` around a message's content, with
  `inline=True` for a message beside a field, `id=` and `role=` when needed, and `paragraph=True` for the
  short form inside a paragraph (`<p>` and `<span>` instead of `<div>`).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token, token_kwargs
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

BUTTON_ACTIONS = ("default", "progressive", "destructive")
BUTTON_WEIGHTS = ("normal", "primary", "quiet")
MESSAGE_TYPES = ("notice", "warning", "error", "success")
MESSAGE_OPTIONS = ("inline", "role", "id", "paragraph")
MESSAGE_TEMPLATE = "includes/codex_message.html"


@register.simple_tag
def codex_button(*, action: str = "", weight: str = "", link: bool = False) -> str:
    """The classes of a Codex button (its action and weight left out: Codex's defaults)."""
    if action and action not in BUTTON_ACTIONS:
        raise template.TemplateSyntaxError(f"codex_button: unknown action {action!r}")
    if weight and weight not in BUTTON_WEIGHTS:
        raise template.TemplateSyntaxError(f"codex_button: unknown weight {weight!r}")
    classes = ["cdx-button"]
    if link:
        classes += ["cdx-button--fake-button", "cdx-button--fake-button--enabled"]
    if action:
        classes.append(f"cdx-button--action-{action}")
    if weight:
        classes.append(f"cdx-button--weight-{weight}")
    return " ".join(classes)


def message_type(value: Any) -> str:
    """The Codex type of a message: one of MESSAGE_TYPES, and a notice for anything else (Django's info)."""
    return value if value in MESSAGE_TYPES else "notice"


class CodexMessageNode(template.Node):
    def __init__(self, nodelist: NodeList, kind: FilterExpression, options: dict[str, FilterExpression]):
        self.nodelist = nodelist
        self.kind = kind
        self.options = options

    def render(self, context: template.Context) -> SafeString:
        values = {name: expression.resolve(context) for name, expression in self.options.items()}
        values["type"] = message_type(self.kind.resolve(context))
        values["content"] = self.nodelist.render(context)
        include = context.template.engine.get_template(MESSAGE_TEMPLATE)  # type: ignore[union-attr]
        # The line breaks around the element in the include's file are not part of the message.
        return mark_safe(include.render(context.new(values)).strip())  # noqa: S308 - the include's markup


@register.tag("codex_message")
def codex_message(parser: Parser, token: Token) -> CodexMessageNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("codex_message needs the message's type")
    kind = parser.compile_filter(bits[1])
    if isinstance(kind.var, str) and kind.var not in MESSAGE_TYPES:
        # A literal type is checked when the template is compiled; a variable's value falls back to notice.
        raise template.TemplateSyntaxError(f"codex_message: unknown type {kind.var!r}")
    options = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(options) != len(bits) - 2 or not set(options) <= set(MESSAGE_OPTIONS):
        raise template.TemplateSyntaxError(
            f"codex_message takes a type and the options {', '.join(MESSAGE_OPTIONS)} (name=value)"
        )
    nodelist = parser.parse(("endcodex_message",))
    parser.delete_first_token()
    return CodexMessageNode(nodelist, kind, options)
