"""Fixtures of the lab tests; the helpers live in labtools.py."""
import pytest
import yaml

from labtools import CONFIG


@pytest.fixture(name='lab_file')
def lab_file_fixture():
    """The lab file, parsed."""
    with open(CONFIG, encoding='utf-8') as fh:
        return yaml.safe_load(fh)
