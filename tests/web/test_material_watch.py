"""In a project folder, editing content rebuilds the materials and the open page reloads."""
from __future__ import annotations

from generator.project_files import init_project

from .conftest import Served


def test_an_edit_rebuilds_and_the_page_reloads(browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "hem"
    init_project(folder)
    served = Served(folder)
    try:
        context = browser.new_context(base_url=served.url)
        page = context.new_page()
        page.goto("/material", timeout=60_000)
        assert page.locator("#material").get_attribute("data-generation") == "1"
        manifest = folder / "content" / "handouts.yaml"
        text = manifest.read_text(encoding="utf-8")
        title = "Oxytocin och beröring"
        assert title in text
        manifest.write_text(text.replace(title, "Beröring på Solgården", 1), encoding="utf-8")
        page.wait_for_function(
            "document.getElementById('material')?.dataset.generation === '2'", timeout=90_000)
        assert "Beröring på Solgården" in page.locator(".products").inner_text()
        manifest.write_text(text.replace("products:", "produkter:", 1), encoding="utf-8")
        page.wait_for_function(
            "document.getElementById('material')?.dataset.generation === '3'", timeout=90_000)
        assert "Materialet kan inte göras" in page.locator("#material").inner_text()
        context.close()
    finally:
        served.stop()
