import pytest


@pytest.fixture(autouse=True)
def english_pages(settings):
    """Pages in English, so the tests match the msgids whatever the German catalogue says."""
    settings.LANGUAGE_CODE = "en"
