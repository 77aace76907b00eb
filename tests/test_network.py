"""Extraction never opens a network connection: every way to open one fails the test."""

import socket

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, NetworkUsed

from rxnews.cli import cli


@pytest.fixture(autouse=True)
def guard(no_network):
    return no_network


def test_network_guard_refuses_and_records_every_attempt(guard):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))
    with pytest.raises(NetworkUsed), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))
    # Code that catches every Exception around a download does not swallow the refusal.
    with pytest.raises(NetworkUsed):
        try:
            socket.getaddrinfo("example.com", 80)
        except Exception:
            pass
    assert guard == ["create_connection(('example.com', 80),)", "socket.connect(('127.0.0.1', 9),)",
                     "getaddrinfo('example.com', 80)"]
    guard.clear()  # these attempts were the test's own; any other fails the test at its end


@pytest.mark.parametrize(("folder", "code"), [(SAMPLES, "LBL-024"),
                                              (SAMPLES.parent / "tests" / "data" / "pages", "VLT-318")],
                         ids=["texts", "pages"])
def test_network_extract_opens_no_socket(folder, code):
    # In process (--jobs 1), from building the pipeline to writing the records. Pages go through
    # trafilatura and htmldate, which can download: they must not, ever.
    result = CliRunner().invoke(cli, ["extract", str(folder), "--jobs", "1", "-q", "--format", "json"])
    assert (result.exit_code, result.stderr, result.exception) == (0, "", None)
    assert code in result.stdout
