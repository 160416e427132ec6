"""`{{ form.field|as_crispy_field_once }}`: crispy-forms' `as_crispy_field`, kept in this process
for a field whose HTML only changes with the code.

That is a field of a form nobody has sent (so no errors) whose value is empty or a tick box's
on/off: the settings form of a conversation shows such fields on every visit, and crispy-forms
spent ~0.7 ms a page on them. A value someone typed, and every sent form with its errors, is
rendered each time and never kept. Only for forms whose fields do not change per page (choices
from the database, say): the key is the form's class, prefix, field and value.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import template
from django.conf import settings

register = template.Library()

_kept = {}


@register.filter
def as_crispy_field_once(field):
    form, value = field.form, field.value()
    if form.is_bound or not (value is None or value == "" or isinstance(value, bool)):
        return as_crispy_field(field)
    key = (type(form), form.prefix, form.auto_id, field.name, type(value), value)
    html = _kept.get(key)
    if html is None or settings.DEBUG:
        html = _kept[key] = as_crispy_field(field)
    return html
