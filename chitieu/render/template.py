"""Fill a docxtpl template of `templates/`, with escaping and data-driven sub-documents.

Strings are autoescaped, and Jinja never re-reads a value: a unit named
`A & B <C> {{x}}` prints literally. Sub-documents are drawn by a callable that receives the
container (a docxtpl Subdoc, which takes paragraphs and tables like a Document).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from chitieu.errors import RenderError
from chitieu.render.footnotes import hidden_from_templates
from chitieu.render.text import Container

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"

Drawer = Callable[[Container], None]


def template_path(name: str, directory: Path | None = None) -> Path:
    path = (directory or TEMPLATES) / name
    if not path.is_file():
        raise RenderError(
            f"Không tìm thấy mẫu {path}. Tạo lại bằng: python templates/build_templates.py"
        )
    return path


def render_template(
    template: Path,
    out: Path,
    context: Mapping[str, Any],
    subdocs: Mapping[str, Drawer],
    images: Mapping[str, tuple[Path, float]] | None = None,
) -> Path:
    """Render `template` to `out`. `images` maps a tag to (PNG path, width in mm).

    Raises:
        RenderError: the template is not a valid DOCX or its tags are broken.
    """
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError

    try:
        tpl = DocxTemplate(str(template))
        ctx: dict[str, Any] = dict(context)
        for name, draw in subdocs.items():
            sub = tpl.new_subdoc()
            draw(sub)
            ctx[name] = sub
        for name, (png, width_mm) in (images or {}).items():
            ctx[name] = InlineImage(tpl, str(png), width=Mm(width_mm))
        with hidden_from_templates(tpl.docx.part.package):
            tpl.render(ctx, autoescape=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        tpl.save(str(out))
    except TemplateError as exc:
        raise RenderError(
            f"Mẫu {template.name} có thẻ {{{{ … }}}} hoặc {{% … %}} bị hỏng: {exc}."
        ) from None
    except (KeyError, ValueError) as exc:  # python-docx: not a DOCX package
        raise RenderError(f"Mẫu {template.name} không phải tệp .docx hợp lệ ({exc}).") from None
    except OSError as exc:
        raise RenderError(f"Không ghi được tệp {out}: {exc.strerror or exc}.") from None
    return out


__all__ = ["TEMPLATES", "render_template", "template_path"]
